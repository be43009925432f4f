using System;
using System.Threading;
using System.Threading.Tasks;

namespace MSCommerce.Client.Auth
{
    /// <summary>A token obtained elsewhere (Connect-MSCommerce -AccessToken); it is never renewed.</summary>
    public sealed class StaticTokenProvider : ITokenProvider
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
    }
}
