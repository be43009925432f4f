using System;
using System.Threading;
using System.Threading.Tasks;

namespace MSCommerce.Client
{
    /// <summary>A token obtained elsewhere (for example passed with -AccessToken); it is never renewed.</summary>
    public sealed class StaticTokenProvider : ITokenProvider
    {
        private readonly string _token;

        public StaticTokenProvider(string token)
        {
            if (string.IsNullOrWhiteSpace(token))
            {
                throw new ArgumentException("The access token is empty.", nameof(token));
            }

            _token = token;
        }

        public Task<string> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult(_token);
    }
}
