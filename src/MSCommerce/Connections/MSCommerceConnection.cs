using System;
using MSCommerce.Client;

namespace MSCommerce.Connections
{
    /// <summary>A signed-in session with the licensing service; returned by Connect-MSCommerce -PassThru.</summary>
    public sealed class MSCommerceConnection : IDisposable
    {
        internal MSCommerceConnection(CommerceClient client, string authMethod)
        {
            Client = client;
            AuthMethod = authMethod;
        }

        public Uri Endpoint => Client.Endpoint;

        public string AuthMethod { get; }

        internal CommerceClient Client { get; }

        public void Dispose() => Client.Dispose();
    }
}
