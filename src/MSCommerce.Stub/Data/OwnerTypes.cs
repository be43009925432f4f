namespace MSCommerce.Stub.Data;

public static class OwnerTypes
{
    public const string User = "User";
    public const string Organization = "Organization";
}
