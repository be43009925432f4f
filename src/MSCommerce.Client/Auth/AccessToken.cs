using System;

namespace MSCommerce.Client.Auth
{
    /// <summary>A bearer token and what a person may see of it (never the token itself in any output).</summary>
    public sealed class AccessToken
    {
        /// <summary>Describes a token: the token itself, when it expires, and who and which tenant it was issued for.</summary>
        public AccessToken(string token, DateTimeOffset? expiresOn, string? account, string? tenantId)
            : this(token, expiresOn, account, tenantId, null)
        {
        }

        /// <summary>Describes a token, with the roles it carries.</summary>
        public AccessToken(string token, DateTimeOffset? expiresOn, string? account, string? tenantId, System.Collections.Generic.IReadOnlyList<string>? roles)
        {
            Roles = roles;
            Token = token;
            ExpiresOn = expiresOn;
            Account = account;
            TenantId = tenantId;
        }

        /// <summary>The bearer token. Never log or show it.</summary>
        public string Token { get; }
        /// <summary>When the token expires; null when the token does not say.</summary>
        public DateTimeOffset? ExpiresOn { get; }
        /// <summary>The signed-in account (user principal name, or <c>app &lt;id&gt;</c> for an app); null when the token does not say.</summary>
        public string? Account { get; }
        /// <summary>The id of the tenant the token was issued in; null when the token does not say.</summary>
        public string? TenantId { get; }

        /// <summary>
        /// The roles the token carries: a person's directory roles by name (Global Administrator, Billing
        /// Administrator, Global Reader; others by template id), an app's application roles; null when the
        /// token cannot be read (it is then the service's to judge).
        /// </summary>
        public System.Collections.Generic.IReadOnlyList<string>? Roles { get; }

        /// <inheritdoc />
        public override string ToString() => $"token for {Account ?? "unknown account"} until {ExpiresOn:u}";
    }
}
