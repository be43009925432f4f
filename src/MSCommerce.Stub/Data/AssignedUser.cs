namespace MSCommerce.Stub.Data;

/// <summary>A user holding a licence; <see cref="State"/> says whether they still have an account: Active, Disabled or Deleted (left the organisation).</summary>
public sealed record AssignedUser(string ObjectId, string UserPrincipalName, string DisplayName, string State)
{
    public bool Departed => State == PurchaserStates.Deleted;
}
