namespace MSCommerce.Stub.Data;

public sealed record AssignedUser(string ObjectId, string UserPrincipalName, string DisplayName);
