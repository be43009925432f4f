using System.Net.Http;

namespace MSCommerce.Client.Http
{
    /// <summary>Per-call settings that ride on the request through the handler pipeline.</summary>
    public sealed class RequestContext
    {
        private const string Key = "MSCommerce.RequestContext";

        /// <summary>Told about every attempt of the calls made with this context; null for none.</summary>
        public IHttpCallObserver? Observer { get; set; }

        /// <summary>A bearer token given for this call only (the original's -Token), instead of the connection's sign-in.</summary>
        public string? TokenOverride { get; set; }

        internal void AttachTo(HttpRequestMessage request) => RequestProperties.Set(request, Key, this);

        internal static RequestContext? Of(HttpRequestMessage request) =>
            RequestProperties.Get(request, Key) as RequestContext;
    }
}
