using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MSCommerce.Client.Auth
{
    /// <summary>
    /// The tokens of one sign-in in one customer tenant, kept until shortly before they expire; the sign-in
    /// itself (<see cref="MsalTokenProvider"/>) renews them silently, for people with the refresh token of the
    /// one interactive sign-in, for apps with their credential.
    /// </summary>
    internal sealed class TenantTokenProvider : ITokenProvider
    {
        private readonly Func<string, CancellationToken, Task<AccessToken>> _acquire;
        private readonly Dictionary<string, AccessToken> _current = new Dictionary<string, AccessToken>(StringComparer.OrdinalIgnoreCase);
        private readonly string _resource;

        public TenantTokenProvider(string method, string tenant, string resource, Func<string, CancellationToken, Task<AccessToken>> acquire)
        {
            Method = method;
            Tenant = tenant;
            _resource = resource;
            _acquire = acquire;
        }

        public string Method { get; }

        /// <summary>The tenant the tokens are for, as it was named (id or domain).</summary>
        public string Tenant { get; }

        public Task<AccessToken> GetTokenAsync(CancellationToken cancellationToken) => GetTokenForAsync(_resource, cancellationToken);

        public async Task<AccessToken> GetTokenForAsync(string resource, CancellationToken cancellationToken)
        {
            lock (_current)
            {
                if (_current.TryGetValue(resource, out var cached) && cached.ExpiresOn is DateTimeOffset expires && expires > DateTimeOffset.UtcNow.AddMinutes(1))
                {
                    return cached;
                }
            }

            var token = await _acquire(resource, cancellationToken).ConfigureAwait(false);
            lock (_current)
            {
                _current[resource] = token;
            }

            return token;
        }
    }
}
