using System;

namespace MSCommerce.Client.Auth
{
    /// <summary>Who signs in where: the app registration, the tenant and the resource to get tokens for.</summary>
    public sealed class SignInOptions
    {
        /// <summary>The app id Microsoft's module signs in with.</summary>
        public const string DefaultClientId = "3d5cffa9-04da-4657-8cab-c7f074657cad";
        /// <summary>The redirect URI of Microsoft's module's app, for the browser sign-in.</summary>
        public const string DefaultRedirectUri = "http://localhost/m365/commerce";
        /// <summary>The licensing service's scope (the M365 License Manager API).</summary>
        public const string DefaultResource = "aeb86249-8ea3-49e2-900b-54cc8e308f85/.default";

        /// <summary>The app (client) id to sign in with; by default Microsoft's module's public app.</summary>
        public string ClientId { get; set; } = DefaultClientId;

        /// <summary>Tenant id or domain; "organizations" lets a person sign in to their home tenant.</summary>
        public string TenantId { get; set; } = "organizations";

        /// <summary>The redirect URI registered for the app, for the browser sign-in.</summary>
        public string RedirectUri { get; set; } = DefaultRedirectUri;

        /// <summary>The scope to get tokens for; by default the licensing service's.</summary>
        public string Resource { get; set; } = DefaultResource;

        /// <summary>How long a person's sign-in is remembered: this process only (the default), or for the user of this machine (a persisted token cache). Apps' sign-ins are never persisted.</summary>
        public ContextScope ContextScope { get; set; } = ContextScope.Process;

        internal Uri Authority(CommerceClientOptions client) => new Uri(client.AuthorityHost, TenantId.Trim('/') + "/");

        /// <summary>Entra's authority is validated as usual; any other host (the local commerce service) is the caller's choice.</summary>
        internal bool ValidateAuthority(CommerceClientOptions client) =>
            string.Equals(client.AuthorityHost.Host, CommerceClientOptions.EntraAuthorityHost.Host, StringComparison.OrdinalIgnoreCase);
    }
}
