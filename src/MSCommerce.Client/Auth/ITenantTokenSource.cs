namespace MSCommerce.Client.Auth
{
    /// <summary>A sign-in that can also get tokens in other tenants: a person's (GDAP, guest) or a multi-tenant app's.</summary>
    internal interface ITenantTokenSource
    {
        /// <summary>Tokens for the same sign-in in <paramref name="tenant"/> (id or domain); null when this sign-in cannot reach other tenants.</summary>
        ITokenProvider? ForTenant(string tenant);
    }
}
