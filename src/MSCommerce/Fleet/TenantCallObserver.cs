using MSCommerce.Client.Fleet;
using MSCommerce.Client.Http;

namespace MSCommerce.Fleet
{
    /// <summary>The -Verbose and -Debug narration of one tenant's calls, each line starting with the tenant's name.</summary>
    internal sealed class TenantCallObserver : IHttpCallObserver
    {
        private readonly IHttpCallObserver _inner;
        private readonly System.Action<string> _verbose;
        private readonly string _prefix;

        public TenantCallObserver(IHttpCallObserver inner, System.Action<string> verbose, TenantTarget tenant)
        {
            _inner = inner;
            _verbose = verbose;
            _prefix = tenant.TenantName + ": ";
        }

        public bool WantsDebug => _inner.WantsDebug;

        public void OnCall(HttpCallEvent call) => _verbose(_prefix + call);

        public void OnDebug(string message) => _inner.OnDebug(_prefix + message);
    }
}
