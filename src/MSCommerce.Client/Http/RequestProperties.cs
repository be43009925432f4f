using System.Net.Http;

namespace MSCommerce.Client.Http
{
    /// <summary>Values that ride on a request through the handlers: Properties on netstandard2.0, Options where Properties is obsolete.</summary>
    internal static class RequestProperties
    {
        public static void Set(HttpRequestMessage request, string key, object value)
        {
#if NET
            request.Options.Set(new HttpRequestOptionsKey<object>(key), value);
#else
            request.Properties[key] = value;
#endif
        }

        public static object? Get(HttpRequestMessage request, string key)
        {
#if NET
            return request.Options.TryGetValue(new HttpRequestOptionsKey<object>(key), out var value) ? value : null;
#else
            return request.Properties.TryGetValue(key, out var value) ? value : null;
#endif
        }
    }
}
