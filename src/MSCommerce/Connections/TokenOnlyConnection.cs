using System;
using MSCommerce.Client;

namespace MSCommerce.Connections
{
    /// <summary>
    /// What a data cmdlet uses when it has only -Token and no connection: one client for Microsoft's
    /// licensing service, holding no token of its own (each call brings its -Token), so that a loop of
    /// -Token calls reuses one set of HTTP connections instead of a new TLS handshake per call.
    /// </summary>
    internal static class TokenOnlyConnection
    {
        private static readonly Lazy<MSCommerceConnection> Connection =
            new Lazy<MSCommerceConnection>(() => new MSCommerceConnection(CommerceConnector.ForTokensPerCall(new CommerceClientOptions()), null, null));

        public static MSCommerceConnection Shared => Connection.Value;
    }
}
