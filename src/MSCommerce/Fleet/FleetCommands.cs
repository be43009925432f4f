using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MSCommerce.Client;
using MSCommerce.Client.Fleet;
using MSCommerce.Client.Http;
using MSCommerce.Commands;
using MSCommerce.Connections;

namespace MSCommerce.Fleet
{
    /// <summary>What every fleet cmdlet does first: refuse what cannot work over many tenants, before any request.</summary>
    internal static class FleetCommands
    {
        public static FleetRun Start(PSCmdlet cmdlet, CmdletMessages messages, Func<Func<CancellationToken, Task<bool>>, bool> await, string? token,
            Func<MSCommerceConnection> connection, RequestContext context)
        {
            if (token != null)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.InvalidArgument("TokenWithTenantId",
                    "-Token is one tenant's token, so it cannot be used with -TenantId or tenants on the pipeline. Nothing was sent.", null,
                    "Connect-MSCommerce once (as the partner's user, or as a multi-tenant app), then run the command with -TenantId and without -Token."));
            }

            var signedIn = connection();
            if (!CommerceConnector.CanReachOtherTenants(signedIn.Client))
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.Create(new InvalidOperationException($"The connection signed in with {signedIn.AuthMethod}, which reaches its own tenant only, so it cannot work in other tenants. Nothing was sent."),
                    "TenantIdNeedsSignIn", ErrorCategory.AuthenticationError, null,
                    "Connect-MSCommerce as the partner's user (-UseDeviceCode or the browser), or as a multi-tenant app with a certificate or a client secret, then run the command with -TenantId again."));
            }

            return new FleetRun(cmdlet, messages, await, signedIn, context);
        }

        /// <summary>A tenant's calls, narrated with -Verbose and -Debug under its name.</summary>
        public static RequestContext ContextFor(PSCmdlet cmdlet, CmdletMessages messages, TenantTarget tenant) =>
            new RequestContext { Observer = new TenantCallObserver(messages, line => messages.Post(() => cmdlet.WriteVerbose(line)), tenant) };

        /// <summary>Nothing came down the pipeline: a partner without customers, or a filter that kept none.</summary>
        public static void WarnNoTenants(PSCmdlet cmdlet) =>
            cmdlet.WriteWarning("No tenant was given: nothing came down the pipeline (a partner without customers, or a filter that kept none), so no tenant was read.");
    }

    /// <summary>Fleet results as the module writes them: typed, and each carrying its tenant.</summary>
    internal static class FleetOutput
    {
        public const string TenantBaselineResultType = "MSCommerce.TenantBaselineResult";

        public static PSObject Of(TenantBaselineResult result)
        {
            var output = PSObject.AsPSObject(result);
            if (!output.TypeNames.Contains(TenantBaselineResultType))
            {
                output.TypeNames.Insert(0, TenantBaselineResultType);
            }

            return output;
        }

        /// <summary>An item of one tenant (a product policy, a drift, a purchase) with TenantId and TenantName added.</summary>
        public static PSObject WithTenant(PSObject item, TenantTarget tenant)
        {
            if (item.Properties["TenantId"] == null)
            {
                item.Properties.Add(new PSNoteProperty("TenantId", tenant.TenantId));
            }

            if (item.Properties["TenantName"] == null)
            {
                item.Properties.Add(new PSNoteProperty("TenantName", tenant.TenantName));
            }

            return item;
        }

        public static TenantBaselineResult Failure(TenantTarget tenant, ErrorRecord error) =>
            TenantBaselineResult.Failure(tenant, error.FullyQualifiedErrorId.Split(',')[0], error.ErrorDetails?.Message ?? error.Exception.Message, error.ErrorDetails?.RecommendedAction);
    }
}
