using System;

namespace MSCommerce.Client.Auth
{
    /// <summary>Who signs in where: the app registration, the tenant and the resource to get tokens for.</summary>
    public sealed class SignInOptions
    {
        /// <summary>The app id Microsoft's module signs in with.</summary>
        public const string DefaultClientId = "3d5cffa9-04da-4657-8cab-c7f074657cad";
        public const string DefaultRedirectUri = "http://localhost/m365/commerce";
        public const string DefaultResource = "aeb86249-8ea3-49e2-900b-54cc8e308f85/.default";

        public string ClientId { get; set; } = DefaultClientId;

        /// <summary>Tenant id or domain; "organizations" lets a person sign in to their home tenant.</summary>
        public string TenantId { get; set; } = "organizations";

        public string RedirectUri { get; set; } = DefaultRedirectUri;

        public string Resource { get; set; } = DefaultResource;

        public Uri Authority(CommerceClientOptions client) => new Uri(client.AuthorityHost, TenantId.Trim('/') + "/");

        /// <summary>Entra's authority is validated as usual; any other host (the local commerce service) is the caller's choice.</summary>
        public bool ValidateAuthority(CommerceClientOptions client) =>
            string.Equals(client.AuthorityHost.Host, CommerceClientOptions.EntraAuthorityHost.Host, StringComparison.OrdinalIgnoreCase);
    }
}
