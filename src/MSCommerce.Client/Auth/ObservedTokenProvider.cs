using System;
using System.Threading;
using System.Threading.Tasks;

namespace MSCommerce.Client.Auth
{
    /// <summary>Tells its observer of every licensing-service token the inner provider hands out (account, tenant, expiry).</summary>
    internal sealed class ObservedTokenProvider : ITokenProvider, ITenantTokenSource
    {
        private readonly ITokenProvider _inner;
        private readonly Action<AccessToken> _observer;

        public ObservedTokenProvider(ITokenProvider inner, Action<AccessToken> observer)
        {
            _inner = inner;
            _observer = observer;
        }

        public string Method => _inner.Method;

        /// <summary>The provider it observes.</summary>
        public ITokenProvider Inner => _inner;

        public async Task<AccessToken> GetTokenAsync(CancellationToken cancellationToken)
        {
            var token = await _inner.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            _observer(token);
            return token;
        }

        public Task<AccessToken> GetTokenForAsync(string resource, CancellationToken cancellationToken) => _inner.GetTokenForAsync(resource, cancellationToken);

        /// <summary>Other tenants' tokens are not the connection's own, so they pass unobserved.</summary>
        public ITokenProvider? ForTenant(string tenant) => (_inner as ITenantTokenSource)?.ForTenant(tenant);
    }
}
