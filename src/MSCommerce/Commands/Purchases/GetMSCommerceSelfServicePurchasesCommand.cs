using System;
using System.Collections.Generic;
using System.Management.Automation;
using MSCommerce.Client;
using MSCommerce.Client.Auth;
using MSCommerce.Client.Policies;
using MSCommerce.Client.Purchases;
using MSCommerce.Client.Fleet;
using MSCommerce.Completion;
using MSCommerce.Fleet;

namespace MSCommerce.Commands
{
    /// <summary>
    /// Lists the tenant's self-service purchases and trials, filtered on the service, streamed as the
    /// pages arrive. Where the licensing service has no purchases resource (Microsoft's today), reads
    /// Microsoft Graph's user-owned company subscriptions instead.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MSCommerceSelfServicePurchases", HelpUri = HelpLinks.Base + "Get-MSCommerceSelfServicePurchases.md")]
    [OutputType(typeof(SelfServicePurchase))]
    public sealed class GetMSCommerceSelfServicePurchasesCommand : FleetCmdlet
    {
        public const string Auto = "Auto";

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProductIdCompleter))]
        public string? ProductId { get; set; }

        /// <summary>The purchaser's user principal name or object id.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Purchaser { get; set; }

        /// <summary>Whether the purchaser still has an account: Active, Disabled, or Deleted (left the organisation).</summary>
        [Parameter]
        [ValidateSet("Active", "Disabled", "Deleted", IgnoreCase = true)]
        public string? PurchaserState { get; set; }

        [Parameter]
        [ValidateSet("Active", "Expired", "Disabled", "Cancelled", IgnoreCase = true)]
        public string? Status { get; set; }

        [Parameter]
        [ValidateSet("Purchase", "Trial", IgnoreCase = true)]
        public string? Type { get; set; }

        [Parameter]
        public DateTime? CreatedAfter { get; set; }

        [Parameter]
        public DateTime? ExpiringBefore { get; set; }

        [Parameter]
        public SwitchParameter IncludeOrderHistory { get; set; }

        [Parameter]
        public SwitchParameter IncludeAssignedUsers { get; set; }

        /// <summary>Where to read: the licensing service, Microsoft Graph, or Auto (the licensing service, else Graph).</summary>
        [Parameter]
        [ValidateSet(Auto, PurchaseSources.LicensingService, PurchaseSources.Graph)]
        public string Source { get; set; } = Auto;

        /// <summary>How many purchases each page asks for.</summary>
        [Parameter]
        [ValidateRange(1, PurchaseQuery.MaxPageSize)]
        public int PageSize { get; set; } = PurchaseQuery.DefaultPageSize;

        /// <summary>Learnt from the first 404 of this run, so piped products do not ask the licensing service again.</summary>
        private bool _licensingServiceHasNoPurchases;

        private const string Activity = "Listing self-service purchases";

        /// <summary>The pages read (calls answered) and purchases written so far, over every product piped in.</summary>
        private AnsweredCalls? _pages;
        private int _written;
        private int _pagesShown = -1;

        protected override void ProcessRecord()
        {
            base.ProcessRecord();
            if (!IsValidInput() || AddToFleet(ProductId))
            {
                return;
            }

            var connection = RequireConnection();
            var query = Query();
            var context = CallContext();
            _pages ??= new AnsweredCalls(Messages);
            context.Observer = _pages;
            ShowProgress();
            try
            {
                if (Source != PurchaseSources.Graph && !_licensingServiceHasNoPurchases)
                {
                    var missing = Stream(connection.Client.GetSelfServicePurchasesAsync(query, context, Cancellation));
                    if (missing == null)
                    {
                        return;
                    }

                    if (Source == PurchaseSources.LicensingService)
                    {
                        throw missing;
                    }

                    _licensingServiceHasNoPurchases = true;
                    WriteVerbose("The licensing service has no self-service purchases resource: reading Microsoft Graph's user-owned company subscriptions instead.");
                }

                if (Source != PurchaseSources.Graph && !GraphCanAnswer())
                {
                    return;
                }

                Stream(connection.Client.GetGraphSubscriptionsAsync(query, context, Cancellation));
            }
            catch (Exception error) when (error is CommerceServiceException || error is SignInException)
            {
                WriteError(ErrorRecords.From(error, "PurchasesNotFound", (object?)ProductId ?? "SelfServicePurchases"));
            }
        }

        protected override void EndProcessing()
        {
            if (_pagesShown >= 0)
            {
                var done = ProgressNow();
                done.RecordType = ProgressRecordType.Completed;
                WriteProgress(done);
            }

            RunFleet((run, productId, tenants) =>
            {
                ProductId = productId;
                var query = Query();
                run.Run(tenants, ThrottleLimit, changes: false,
                    (client, tenant, cancel) => StreamTenantAsync(client, tenant, query, cancel),
                    (tenant, count) => WriteVerbose($"{tenant}: {count} purchase(s)."));
            })?.WriteReadSummary("read");
        }

        /// <summary>One tenant's purchases, each handed to the pipeline thread as it arrives; from Graph where the licensing service has none.</summary>
        private async System.Threading.Tasks.Task<int> StreamTenantAsync(CommerceClient client, TenantTarget tenant, PurchaseQuery query, System.Threading.CancellationToken cancel)
        {
            var context = FleetCommands.ContextFor(this, Messages, tenant);
            if (Source != PurchaseSources.Graph)
            {
                try
                {
                    return await StreamAsync(client.GetSelfServicePurchasesAsync(query, context, cancel), tenant, cancel).ConfigureAwait(false);
                }
                catch (CommerceServiceException error) when (error.Kind == CommerceErrorKind.NotFound && Source == Auto && GraphAnswers(query))
                {
                }
            }

            return await StreamAsync(client.GetGraphSubscriptionsAsync(query, context, cancel), tenant, cancel).ConfigureAwait(false);
        }

        private async System.Threading.Tasks.Task<int> StreamAsync(IAsyncEnumerable<SelfServicePurchase> purchases, TenantTarget tenant, System.Threading.CancellationToken cancel)
        {
            var written = 0;
            var enumerator = purchases.GetAsyncEnumerator(cancel);
            try
            {
                while (await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    var purchase = enumerator.Current;
                    Messages.Post(() => WriteObject(FleetOutput.WithTenant(Output.Of(purchase), tenant)));
                    written++;
                }
            }
            finally
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }

            return written;
        }

        /// <summary>Whether Graph can run this query's filters (it knows no product id, purchaser name or purchaser state).</summary>
        private static bool GraphAnswers(PurchaseQuery query) =>
            query.ProductId == null && (query.Purchaser == null || Guid.TryParse(query.Purchaser, out _)) && query.PurchaserState == null;

        /// <summary>
        /// Writes each purchase as it arrives. Returns the service's 404 when it answered, before any
        /// purchase, that it has no such resource; null otherwise.
        /// </summary>
        private CommerceServiceException? Stream(IAsyncEnumerable<SelfServicePurchase> purchases)
        {
            var written = 0;
            var enumerator = purchases.GetAsyncEnumerator(Cancellation);
            try
            {
                while (true)
                {
                    bool more;
                    try
                    {
                        more = Await(cancel => enumerator.MoveNextAsync().AsTask());
                    }
                    catch (CommerceServiceException error) when (error.Kind == CommerceErrorKind.NotFound && written == 0)
                    {
                        return error;
                    }

                    if (!more)
                    {
                        return null;
                    }

                    WriteObject(Output.Of(enumerator.Current));
                    written++;
                    _written++;
                    if (_pages!.Count != _pagesShown)
                    {
                        ShowProgress();
                    }
                }
            }
            finally
            {
                // The iterator rests at a yield (or has ended) here, so disposing it completes at once: no page is asked for after this.
                enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        /// <summary>Once per page: the purchases so far and the pages read (the total is not known until the last page).</summary>
        private void ShowProgress()
        {
            _pagesShown = _pages?.Count ?? 0;
            WriteProgress(ProgressNow());
        }

        private ProgressRecord ProgressNow() =>
            new ProgressRecord(1, Activity, $"{_written} purchase(s) so far, {_pages?.Count ?? 0} page(s) read");

        private bool IsValidInput()
        {
            if (!AreWellFormed((ResourceNameKind.ProductId, ProductId)))
            {
                return false;
            }

            if (Purchaser != null && !Purchaser.Contains("@") && !Guid.TryParse(Purchaser, out _))
            {
                WriteError(ErrorRecords.InvalidArgument("InvalidPurchaser", $"'{EchoedInput.Of(Purchaser)}' is neither a user principal name (name@domain) nor an object id (a GUID).", Purchaser,
                    "Give the purchaser's sign-in name, e.g. alice@contoso.com, or their object id."));
                return false;
            }

            if (CreatedAfter is DateTime after && ExpiringBefore is DateTime before && before < after)
            {
                WriteVerbose("-ExpiringBefore is earlier than -CreatedAfter: only purchases that ran their whole term in between can match.");
            }

            return Source != PurchaseSources.Graph || GraphCanAnswer();
        }

        /// <summary>Graph's subscriptions carry no product id or purchaser name: such filters cannot run there, and are refused rather than ignored.</summary>
        private bool GraphCanAnswer()
        {
            if (ProductId != null)
            {
                WriteError(ErrorRecords.InvalidArgument("FilterNotSupportedByGraph", "Microsoft Graph's company subscriptions carry no product id, so -ProductId cannot filter them.", ProductId,
                    "Leave out -ProductId and filter on ProductName (Graph's SKU part number), or read from a service that serves purchases."));
                return false;
            }

            if (Purchaser != null && !Guid.TryParse(Purchaser, out _))
            {
                WriteError(ErrorRecords.InvalidArgument("FilterNotSupportedByGraph", "Microsoft Graph's company subscriptions name their owner by object id only, so -Purchaser must be an object id there.", Purchaser,
                    "Pass the purchaser's object id to -Purchaser."));
                return false;
            }

            if (PurchaserState != null)
            {
                WriteError(ErrorRecords.InvalidArgument("FilterNotSupportedByGraph", "Microsoft Graph's company subscriptions do not say whether their owner still exists, so -PurchaserState cannot filter them.", PurchaserState,
                    "Leave out -PurchaserState, or read from a service that serves purchases."));
                return false;
            }

            if (IncludeOrderHistory || IncludeAssignedUsers)
            {
                WriteWarning("Microsoft Graph's company subscriptions have no order history or assigned users: OrderHistory and AssignedUsers stay empty.");
            }

            return true;
        }

        private PurchaseQuery Query() => new PurchaseQuery
        {
            ProductId = ProductId,
            Purchaser = Purchaser,
            PurchaserState = PurchaserState == null ? null : Canonical(PurchaserState, PurchaseQuery.PurchaserStates),
            Status = Status == null ? null : Canonical(Status, PurchaseQuery.Statuses),
            Type = Type == null ? null : Canonical(Type, PurchaseQuery.Types),
            CreatedAfter = CreatedAfter.HasValue ? new DateTimeOffset(CreatedAfter.Value.ToUniversalTime()) : (DateTimeOffset?)null,
            ExpiringBefore = ExpiringBefore.HasValue ? new DateTimeOffset(ExpiringBefore.Value.ToUniversalTime()) : (DateTimeOffset?)null,
            IncludeOrderHistory = IncludeOrderHistory,
            IncludeAssignedUsers = IncludeAssignedUsers,
            PageSize = PageSize,
        };

        private static string Canonical(string value, IReadOnlyList<string> allowed) => PolicyValues.Canonical(value, allowed) ?? value;
    }
}
