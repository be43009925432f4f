using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using MSCommerce.Client.Http;
using MSCommerce.Client.Purchases;

namespace MSCommerce.Client
{
    /// <summary>Self-service purchases: from the licensing service, or from Microsoft Graph's company subscriptions.</summary>
    public sealed partial class CommerceClient
    {
        /// <summary>
        /// Streams the purchases the query selects, page by page as the service sends them: the first
        /// arrive before the last page is asked for, and stopping the enumeration stops the paging.
        /// </summary>
        public IAsyncEnumerable<SelfServicePurchase> GetSelfServicePurchasesAsync(PurchaseQuery query, RequestContext? context, CancellationToken cancellationToken) =>
            PagesAsync<PurchasePageDto>("v1.0/selfServicePurchases?" + query.ToQueryString(), Endpoint, null,
                page => (page.Items.Select(ToPurchase), page.NextLink), context, cancellationToken);

        /// <summary>
        /// Streams the tenant's user-bought subscriptions from Microsoft Graph (GET /v1.0/directory/subscriptions,
        /// ownerType User), with a Graph token of the same sign-in. Graph knows no product id, purchaser name,
        /// price or history: those stay null. Filters Graph cannot run are applied here.
        /// </summary>
        public IAsyncEnumerable<SelfServicePurchase> GetGraphSubscriptionsAsync(PurchaseQuery query, RequestContext? context, CancellationToken cancellationToken)
        {
            var graph = EnsureTrailingSlash(Options.GraphEndpoint);
            var first = new Uri(graph, "v1.0/directory/subscriptions?$top=" + Math.Min(query.PageSize, 999).ToString(CultureInfo.InvariantCulture)).AbsoluteUri;
            return PagesAsync<GraphPageDto>(first, graph, CommerceClientOptions.GraphResource,
                page => (page.Value.Where(item => string.Equals(item.OwnerType, "User", StringComparison.OrdinalIgnoreCase)).Select(ToPurchase).Where(item => Matches(item, query)), page.NextLink),
                context, cancellationToken);
        }

        /// <summary>
        /// Follows a service's pages from the first address, each next link checked to lead back to the origin.
        /// The next page is asked for once the caller has taken the first item of the current one, so the
        /// wire and the caller's work overlap, and a caller that stops early leaves at most one page unread.
        /// </summary>
        private async IAsyncEnumerable<SelfServicePurchase> PagesAsync<TPage>(string first, Uri origin, string? resource,
            Func<TPage, (IEnumerable<SelfServicePurchase> Items, string? NextLink)> read, RequestContext? context, [EnumeratorCancellation] CancellationToken cancellationToken)
            where TPage : class
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task<(List<SelfServicePurchase> Items, string? Next)>? ahead = null;
            try
            {
                var page = await PageAsync(first, origin, resource, read, context, stop.Token).ConfigureAwait(false);
                while (true)
                {
                    foreach (var item in page.Items)
                    {
                        yield return item;
                        if (ahead == null && page.Next != null)
                        {
                            ahead = PageAsync(page.Next, origin, resource, read, context, stop.Token);
                        }
                    }

                    if (page.Next == null)
                    {
                        yield break;
                    }

                    page = await (ahead ?? PageAsync(page.Next, origin, resource, read, context, stop.Token)).ConfigureAwait(false);
                    ahead = null;
                }
            }
            finally
            {
                if (ahead != null)
                {
                    // The caller stopped with a page on its way: cancel it, and let no request outlive the enumeration.
                    stop.Cancel();
                    await ahead.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
                }
            }
        }

        private async Task<(List<SelfServicePurchase> Items, string? Next)> PageAsync<TPage>(string address, Uri origin, string? resource,
            Func<TPage, (IEnumerable<SelfServicePurchase> Items, string? NextLink)> read, RequestContext? context, CancellationToken cancellationToken)
            where TPage : class
        {
            var (page, correlationId) = await SendAsync<TPage>(HttpMethod.Get, address, null, context, cancellationToken, resource).ConfigureAwait(false);
            var (items, nextLink) = Mapped(page, dto =>
            {
                var (purchases, link) = read(dto);
                return (purchases.ToList(), link);
            }, HttpMethod.Get, address, correlationId);
            return (items, SameOrigin(nextLink, origin, address, correlationId));
        }

        /// <summary>A continuation link must lead back to the service that gave it: the bearer token never goes elsewhere.</summary>
        private static string? SameOrigin(string? nextLink, Uri origin, string path, string? correlationId)
        {
            if (string.IsNullOrEmpty(nextLink))
            {
                return null;
            }

            if (!Uri.TryCreate(nextLink, UriKind.Absolute, out var next)
                || !string.Equals(next.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(next.Authority, origin.Authority, StringComparison.OrdinalIgnoreCase))
            {
                throw Unreadable(HttpMethod.Get, path, correlationId, $"its next-page link '{nextLink}' leads away from {origin.GetLeftPart(UriPartial.Authority)}");
            }

            return next.AbsoluteUri;
        }

        private static bool Matches(SelfServicePurchase purchase, PurchaseQuery query) =>
            (query.Purchaser == null || string.Equals(purchase.PurchaserObjectId, query.Purchaser, StringComparison.OrdinalIgnoreCase))
            && (query.PurchaserState == null || string.Equals(purchase.PurchaserState, query.PurchaserState, StringComparison.OrdinalIgnoreCase))
            && (query.Status == null || string.Equals(purchase.Status, query.Status, StringComparison.OrdinalIgnoreCase))
            && (query.Type == null || purchase.IsTrial == string.Equals(query.Type, "Trial", StringComparison.OrdinalIgnoreCase))
            && (query.CreatedAfter == null || purchase.PurchaseDate > query.CreatedAfter)
            && (query.ExpiringBefore == null || purchase.ExpirationDate < query.ExpiringBefore);

        private static SelfServicePurchase ToPurchase(PurchaseDto dto) => new SelfServicePurchase
        {
            SubscriptionId = Required(dto.SubscriptionId, "subscriptionId"),
            ProductId = Required(dto.ProductId, "productId"),
            ProductName = dto.ProductName,
            PurchaserDisplayName = dto.PurchaserDisplayName,
            PurchaserUpn = dto.PurchaserUpn,
            PurchaserObjectId = dto.PurchaserObjectId,
            PurchaserState = dto.PurchaserState,
            Quantity = dto.Quantity,
            AssignedLicenses = dto.AssignedLicenses,
            Status = Required(dto.Status, "status"),
            IsTrial = dto.IsTrial,
            PurchaseDate = dto.PurchaseDate,
            ExpirationDate = dto.ExpirationDate,
            AutoRenew = dto.AutoRenew,
            UnitPrice = dto.UnitPrice,
            Currency = dto.Currency,
            BillingFrequency = dto.BillingFrequency,
            OrderHistory = dto.OrderHistory?.Select(entry => new PurchaseOrderEvent
            {
                EventType = Required(entry.EventType, "eventType"),
                Date = entry.Date,
                Quantity = entry.Quantity,
                Amount = entry.Amount,
                Currency = entry.Currency ?? "",
            }).ToTextList(),
            AssignedUsers = ToAssignedUsers(dto.AssignedUsers),
            Source = PurchaseSources.LicensingService,
        };

        private static TextList<AssignedUser>? ToAssignedUsers(IEnumerable<AssignedUserDto>? users) => users?.Select(user => new AssignedUser
        {
            ObjectId = Required(user.ObjectId, "objectId"),
            UserPrincipalName = Required(user.UserPrincipalName, "userPrincipalName"),
            DisplayName = user.DisplayName,
            State = user.State,
        }).ToTextList();

        /// <summary>Graph's statuses in the licensing service's words; Warning (a grace period, not renewing) has no counterpart and stays Warning.</summary>
        private static SelfServicePurchase ToPurchase(GraphSubscriptionDto dto) => new SelfServicePurchase
        {
            SubscriptionId = Required(dto.Id, "id"),
            ProductName = dto.SkuPartNumber,
            PurchaserObjectId = dto.OwnerId,
            Quantity = dto.TotalLicenses,
            Status = Required(dto.Status, "status") switch
            {
                "Enabled" => "Active",
                "Suspended" => "Disabled",
                "LockedOut" => "Disabled",
                var other => other,
            },
            IsTrial = dto.IsTrial,
            PurchaseDate = dto.CreatedDateTime,
            ExpirationDate = dto.NextLifecycleDateTime,
            Source = PurchaseSources.Graph,
        };

        private sealed class PurchasePageDto
        {
            public List<PurchaseDto> Items { get; set; } = new List<PurchaseDto>();
            public string? NextLink { get; set; }
        }

        private sealed class PurchaseDto
        {
            public string? SubscriptionId { get; set; }
            public string? ProductId { get; set; }
            public string? ProductName { get; set; }
            public string? PurchaserObjectId { get; set; }
            public string? PurchaserUpn { get; set; }
            public string? PurchaserDisplayName { get; set; }
            public string? PurchaserState { get; set; }
            public int Quantity { get; set; }
            public int? AssignedLicenses { get; set; }
            public string? Status { get; set; }
            public bool IsTrial { get; set; }
            public DateTimeOffset? PurchaseDate { get; set; }
            public DateTimeOffset? ExpirationDate { get; set; }
            public bool? AutoRenew { get; set; }
            public decimal? UnitPrice { get; set; }
            public string? Currency { get; set; }
            public string? BillingFrequency { get; set; }
            public List<OrderEventDto>? OrderHistory { get; set; }
            public List<AssignedUserDto>? AssignedUsers { get; set; }
        }

        private sealed class OrderEventDto
        {
            public string? EventType { get; set; }
            public DateTimeOffset Date { get; set; }
            public int Quantity { get; set; }
            public decimal Amount { get; set; }
            public string? Currency { get; set; }
        }

        private sealed class AssignedUserDto
        {
            public string? ObjectId { get; set; }
            public string? UserPrincipalName { get; set; }
            public string? DisplayName { get; set; }
            public string? State { get; set; }
        }

        private sealed class GraphPageDto
        {
            public List<GraphSubscriptionDto> Value { get; set; } = new List<GraphSubscriptionDto>();

            [System.Text.Json.Serialization.JsonPropertyName("@odata.nextLink")]
            public string? NextLink { get; set; }
        }

        private sealed class GraphSubscriptionDto
        {
            public string? Id { get; set; }
            public DateTimeOffset? CreatedDateTime { get; set; }
            public bool IsTrial { get; set; }
            public DateTimeOffset? NextLifecycleDateTime { get; set; }
            public string? OwnerId { get; set; }
            public string? OwnerType { get; set; }
            public string? SkuPartNumber { get; set; }
            public string? Status { get; set; }
            public int TotalLicenses { get; set; }
        }
    }
}
