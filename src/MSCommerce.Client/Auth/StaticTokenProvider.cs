using System;
using System.Threading;
using System.Threading.Tasks;

namespace MSCommerce.Client.Auth
{
    /// <summary>A token obtained elsewhere (Connect-MSCommerce -AccessToken); it is never renewed.</summary>
    internal sealed class StaticTokenProvider : ITokenProvider
    {
        private readonly AccessToken _token;

        public StaticTokenProvider(string token)
        {
            if (string.IsNullOrWhiteSpace(token))
            {
                throw new ArgumentException("The access token is empty.", nameof(token));
            }

            _token = TokenClaims.Describe(token.Trim());
        }

        public string Method => "AccessToken";

        public Task<AccessToken> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult(_token);

        public Task<AccessToken> GetTokenForAsync(string resource, CancellationToken cancellationToken) => throw OnlyForTheLicensingService(resource);

        /// <summary>A token is for one resource: another needs a sign-in that can ask for it.</summary>
        internal static SignInException OnlyForTheLicensingService(string resource) =>
            new SignInException($"The connection holds an access token for the licensing service only, so it cannot call {resource}. Connect-MSCommerce with a sign-in method (device code, certificate, client secret, managed identity), or pass a token for that resource.", null);
    }
}
