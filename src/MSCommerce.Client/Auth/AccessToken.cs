using System;

namespace MSCommerce.Client.Auth
{
    /// <summary>A bearer token and what a person may see of it (never the token itself in any output).</summary>
    public sealed class AccessToken
    {
        public AccessToken(string token, DateTimeOffset? expiresOn, string? account, string? tenantId)
        {
            Token = token;
            ExpiresOn = expiresOn;
            Account = account;
            TenantId = tenantId;
        }

        public string Token { get; }
        public DateTimeOffset? ExpiresOn { get; }
        public string? Account { get; }
        public string? TenantId { get; }

        public override string ToString() => $"token for {Account ?? "unknown account"} until {ExpiresOn:u}";
    }
}
