using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MSCommerce.Client;
using MSCommerce.Client.Auth;
using MSCommerce.Client.Http;
using MSCommerce.Client.Policies;
using MSCommerce.Client.Purchases;
using MSCommerce.Connections;

namespace MSCommerce.Commands
{
    /// <summary>
    /// What every data cmdlet shares: the connection it uses (-Connection, else the runspace's
    /// default), the original's -Token override, and the per-call context for the client.
    /// </summary>
    public abstract class ConnectedCmdlet : AsyncCmdlet
    {
        public const string NotConnectedMessage = "You must call the Connect-MSCommerce cmdlet before calling any other cmdlets.";

        /// <summary>A bearer token obtained elsewhere; overrides the connection's sign-in for this call.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Token { get; set; }

        /// <summary>The connection to use (Connect-MSCommerce -PassThru); the runspace's default otherwise. A disconnected one is the not-connected error.</summary>
        [Parameter]
        [ValidateNotNull]
        public MSCommerceConnection? Connection { get; set; }

        protected MSCommerceConnection RequireConnection()
        {
            if (Token != null && AccessTokenShape.Problem(Token) is string problem)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("MalformedToken", $"-Token is not an access token: {problem}. Nothing was sent.", null,
                    "Pass the access_token of a token answer (it starts with eyJ), or run Connect-MSCommerce and leave -Token out."));
            }

            var connection = Connection ?? RunspaceConnections.Current;
            if (connection != null && !connection.IsDisconnected)
            {
                return connection;
            }

            if (connection == null && Token != null)
            {
                // As in the original, -Token alone is enough: it addresses Microsoft's licensing service.
                return TokenOnlyConnection.Shared;
            }

            ThrowTerminatingError(ErrorRecords.Create(new InvalidOperationException(NotConnectedMessage), "NotConnected", ErrorCategory.AuthenticationError, null,
                "Run Connect-MSCommerce, then run this command again."));
            return null!;
        }

        /// <summary>Checks names that go into a URL (ResourceNames); the first malformed one becomes this item's error, and nothing is sent.</summary>
        protected bool AreWellFormed(params (ResourceNameKind Kind, string? Name)[] names)
        {
            foreach (var (kind, name) in names)
            {
                if (name != null && !ResourceNames.IsWellFormed(name))
                {
                    WriteError(ErrorRecords.InvalidName(kind, name, kind == ResourceNameKind.ProductId ? CatalogFor(name) : null));
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The connection's product names, to answer a product name given as an id with its id. Read (a GET, waited for
        /// within a short deadline) when nothing has filled it yet and what was typed reads as a name rather than a mangled id.
        /// </summary>
        private IReadOnlyDictionary<string, string>? CatalogFor(string typed)
        {
            var connection = Connection ?? RunspaceConnections.Current;
            if (connection != null && ReadsAsProductName(typed))
            {
                return connection.CatalogWithin(TimeSpan.FromSeconds(2));
            }

            return connection?.Catalog;
        }

        /// <summary>Product names have lower-case letters ("Power BI Pro"); product ids and mangled ids ("CFQ7 TTC0", "..") have none.</summary>
        private static bool ReadsAsProductName(string typed) =>
            typed.Any(char.IsLower) && typed.All(c => char.IsLetterOrDigit(c) || " ()-+.".IndexOf(c) >= 0);

        internal RequestContext CallContext() => new RequestContext { Observer = Messages, TokenOverride = Token };

        /// <summary>
        /// Runs a call for one item; its failure becomes that item's error (by <see cref="ErrorTable"/>, a not-found named
        /// <paramref name="notFoundId"/>) and the pipeline goes on.
        /// </summary>
        protected bool TryCall<T>(Func<MSCommerceConnection, RequestContext, CancellationToken, Task<T>> call, string notFoundId, object target, out T result)
        {
            var connection = RequireConnection();
            try
            {
                result = Await(cancel => call(connection, CallContext(), cancel));
                return true;
            }
            catch (Exception error) when (error is CommerceServiceException || error is SignInException || error is TakeOverException)
            {
                WriteError(ErrorRecords.From(error, notFoundId, target));
                result = default!;
                return false;
            }
        }
    }
}
