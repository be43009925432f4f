using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MSCommerce.Client;
using MSCommerce.Client.Auth;
using MSCommerce.Client.Policies;

namespace MSCommerce.Connections
{
    /// <summary>A signed-in session with the licensing service; returned by Connect-MSCommerce -PassThru. It never shows its token.</summary>
    public sealed class MSCommerceConnection : IDisposable
    {
        /// <summary>How long the background read of the product list may take in all (retries included) before it gives up.</summary>
        private static readonly TimeSpan CatalogReadTimeout = TimeSpan.FromSeconds(30);

        private readonly object _catalogGate = new object();
        private Dictionary<string, string> _catalog = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private AccessToken? _lastToken;
        private readonly CancellationTokenSource _closing = new CancellationTokenSource();
        private Task? _catalogRead;
        private int _disconnected;

        internal MSCommerceConnection(CommerceClient client, AccessToken? firstToken, string? tenantHint)
        {
            Client = client;
            _lastToken = firstToken;
            TenantHint = tenantHint;
            ConnectedAt = DateTimeOffset.Now;
        }

        public string? Account => _lastToken?.Account;

        public string? TenantId => _lastToken?.TenantId ?? TenantHint;

        public string AuthMethod => Client.Tokens.Method;

        public Uri Endpoint => Client.Endpoint;

        public DateTimeOffset? TokenExpiresOn => _lastToken?.ExpiresOn?.ToLocalTime();

        public DateTimeOffset ConnectedAt { get; }

        /// <summary>The roles the token carries (directory roles by name, or an app's application roles); null when the token does not say.</summary>
        public IReadOnlyList<string>? Roles => _lastToken?.Roles;

        /// <summary>Whether the roles allow reading policies and purchases (Global Reader, Billing or Global Administrator; apps: Policy.Read or Policy.ReadWrite); null when unknown.</summary>
        public bool? CanRead => Roles == null ? (bool?)null : Roles.Any(role => ReadRoles.Contains(role));

        /// <summary>Whether the roles allow changing policies and any purchase (Billing or Global Administrator; apps: Policy.ReadWrite); null when unknown. A purchaser may manage their own purchases without a role.</summary>
        public bool? CanChange => Roles == null ? (bool?)null : Roles.Any(role => ChangeRoles.Contains(role));

        /// <summary>What the identity may do, in words: "read and change policies and purchases", "read policies and purchases", "manage only their own purchases".</summary>
        public string? Capabilities => Roles == null ? null
            : CanChange == true ? "read and change policies and purchases"
            : CanRead == true ? "read policies and purchases (no changes)"
            : "manage only their own purchases (no role for policies)";

        private static readonly HashSet<string> ChangeRoles = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Global Administrator", "Billing Administrator", "Policy.ReadWrite.AllowSelfServicePurchase",
        };

        private static readonly HashSet<string> ReadRoles = new HashSet<string>(ChangeRoles, StringComparer.OrdinalIgnoreCase)
        {
            "Global Reader", "Policy.Read.AllowSelfServicePurchase",
        };

        internal string? TenantHint { get; }

        /// <summary>Set once the user holds the object (-PassThru): it is then theirs, and replacing the default must not dispose it.</summary>
        internal bool HandedOut { get; set; }

        internal CommerceClient Client { get; }

        /// <summary>Set by Disconnect-MSCommerce (or Dispose): from then on, every use of the connection is the not-connected error.</summary>
        internal bool IsDisconnected => Volatile.Read(ref _disconnected) == 1;

        /// <summary>Product ids and names seen on this connection: what tab completion offers, without a network call.</summary>
        internal IReadOnlyDictionary<string, string> Catalog
        {
            get
            {
                lock (_catalogGate)
                {
                    return _catalog;
                }
            }
        }

        /// <summary>
        /// The catalog, reading the product list first when nothing has filled it yet, but waiting no longer than
        /// <paramref name="wait"/>: the read goes on in the background (once per connection) and a later call finds
        /// the products. Tab completion and the "did you mean" of a product name given as an id ask for it;
        /// Connect-MSCommerce does not, so a script that never presses Tab sends no request for a list only Tab needs.
        /// When the list cannot be read (no read rights, no answer), the catalog stays empty and nothing is thrown.
        /// </summary>
        internal IReadOnlyDictionary<string, string> CatalogWithin(TimeSpan wait)
        {
            if (Catalog.Count == 0 && StartCatalogRead() is Task read)
            {
                // Waits without throwing: the read reports its own failures by leaving the catalog empty.
                ((IAsyncResult)read).AsyncWaitHandle.WaitOne(wait);
            }

            return Catalog;
        }

        /// <summary>Starts the one background read of the product list; null once disconnected.</summary>
        private Task? StartCatalogRead()
        {
            lock (_catalogGate)
            {
                if (IsDisconnected)
                {
                    return null;
                }

                return _catalogRead ??= Task.Run(ReadCatalogAsync);
            }
        }

        private async Task ReadCatalogAsync()
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
            deadline.CancelAfter(CatalogReadTimeout);
            try
            {
                Remember(await Client.GetProductPoliciesAsync(PolicyValues.AllowSelfServicePurchase, null, deadline.Token).ConfigureAwait(false));
            }
            catch (Exception error) when (error is CommerceServiceException || error is SignInException || error is OperationCanceledException || error is ObjectDisposedException)
            {
            }
        }

        internal void Remember(IEnumerable<ProductPolicy> products) => Remember(products.Select(product => (product.ProductId, product.ProductName)));

        internal void Remember(IEnumerable<(string ProductId, string ProductName)> products)
        {
            lock (_catalogGate)
            {
                var merged = new Dictionary<string, string>(_catalog, StringComparer.OrdinalIgnoreCase);
                foreach (var (id, name) in products)
                {
                    merged[id] = name;
                }

                _catalog = merged;
            }
        }

        internal void Observe(AccessToken token) => _lastToken = token;

        public override string ToString() => $"{Account ?? AuthMethod} @ {TenantId ?? "unknown tenant"} ({Endpoint})";

        /// <summary>Forgets the sign-in and closes the connection's HTTP connections; a second call does nothing.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disconnected, 1) == 0)
            {
                _closing.Cancel();
                Client.Dispose();
            }
        }
    }
}
