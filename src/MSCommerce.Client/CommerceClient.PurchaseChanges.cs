using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MSCommerce.Client.Http;
using MSCommerce.Client.Purchases;

namespace MSCommerce.Client
{
    /// <summary>What an admin changes on a self-service purchase: cancel it, its quantity, who holds its licences; and the organisation's subscriptions that can take its users over.</summary>
    public sealed partial class CommerceClient
    {
        /// <summary>One purchase with its order history and assigned users.</summary>
        public Task<SelfServicePurchase> GetSelfServicePurchaseAsync(string subscriptionId, RequestContext? context, CancellationToken cancellationToken) =>
            FetchAsync<PurchaseDto, SelfServicePurchase>(HttpMethod.Get, PurchasePath(subscriptionId), null, context, cancellationToken, ToPurchase);

        /// <summary>
        /// Cancels a purchase or trial: it stops renewing and its status becomes Cancelled. Answers the cancelled purchase.
        /// A retried cancel refused as already cancelled was cancelled by its own earlier attempt, whose answer was lost:
        /// that is success, and the purchase is read as it now is.
        /// </summary>
        public async Task<SelfServicePurchase> CancelSelfServicePurchaseAsync(string subscriptionId, RequestContext? context, CancellationToken cancellationToken)
        {
            try
            {
                return await FetchAsync<PurchaseDto, SelfServicePurchase>(HttpMethod.Post, PurchasePath(subscriptionId) + "/cancel", null, context, cancellationToken, ToPurchase, safeToRepeat: true).ConfigureAwait(false);
            }
            catch (CommerceServiceException error) when (error.ErrorCode == CommerceErrorCodes.AlreadyCancelled && error.Retried)
            {
                return await GetSelfServicePurchaseAsync(subscriptionId, context, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Sets how many licences a purchase has.</summary>
        public Task<SelfServicePurchase> SetSelfServicePurchaseQuantityAsync(string subscriptionId, int quantity, RequestContext? context, CancellationToken cancellationToken) =>
            FetchAsync<PurchaseDto, SelfServicePurchase>(new HttpMethod("PATCH"), PurchasePath(subscriptionId), JsonSerializer.Serialize(new { quantity }), context, cancellationToken, ToPurchase, safeToRepeat: true);

        /// <summary>Assigns one of the purchase's licences to a user (UPN or object id); assigning again changes nothing.</summary>
        public Task<SelfServicePurchase> AssignSelfServicePurchaseUserAsync(string subscriptionId, string user, RequestContext? context, CancellationToken cancellationToken) =>
            FetchAsync<PurchaseDto, SelfServicePurchase>(HttpMethod.Post, PurchasePath(subscriptionId) + "/assignedUsers", JsonSerializer.Serialize(new { user }), context, cancellationToken, ToPurchase, safeToRepeat: true);

        /// <summary>Takes a user's licence of the purchase back (UPN or object id).</summary>
        public async Task UnassignSelfServicePurchaseUserAsync(string subscriptionId, string user, RequestContext? context, CancellationToken cancellationToken) =>
            await SendAsync<NoAnswer>(HttpMethod.Delete, $"{PurchasePath(subscriptionId)}/assignedUsers/{Escape(user)}", null, context, cancellationToken).ConfigureAwait(false);

        /// <summary>The organisation's subscriptions (not bought by users), of one product when given, with their licence counts.</summary>
        public Task<IReadOnlyList<OrganizationSubscription>> GetOrganizationSubscriptionsAsync(string? productId, RequestContext? context, CancellationToken cancellationToken) =>
            FetchAsync<ItemsDto<OrganizationSubscriptionDto>, IReadOnlyList<OrganizationSubscription>>(HttpMethod.Get,
                "v1.0/organizationSubscriptions" + (productId == null ? "" : "?productId=" + Escape(productId)), null, context, cancellationToken,
                page => page.Items.Select(ToSubscription).ToList());

        /// <summary>
        /// Moves one user's licence from a self-service purchase to an organisation subscription of the
        /// same product, in one step on the service: the user holds one or the other, never both or
        /// neither. Moving a user already moved changes nothing. Answers the subscription as it now is.
        /// </summary>
        public Task<OrganizationSubscription> MoveUserToOrganizationSubscriptionAsync(string destinationId, string user, string fromSubscriptionId, RequestContext? context, CancellationToken cancellationToken) =>
            FetchAsync<OrganizationSubscriptionDto, OrganizationSubscription>(HttpMethod.Put,
                $"v1.0/organizationSubscriptions/{Escape(destinationId)}/assignedUsers/{Escape(user)}", JsonSerializer.Serialize(new { moveFrom = fromSubscriptionId }),
                context, cancellationToken, ToSubscription);

        private static string PurchasePath(string subscriptionId) => "v1.0/selfServicePurchases/" + Escape(subscriptionId);

        private static OrganizationSubscription ToSubscription(OrganizationSubscriptionDto dto) => new OrganizationSubscription
        {
            SubscriptionId = Required(dto.SubscriptionId, "subscriptionId"),
            ProductId = Required(dto.ProductId, "productId"),
            ProductName = dto.ProductName,
            Quantity = dto.Quantity,
            AssignedLicenses = dto.AssignedLicenses,
            AvailableLicenses = dto.AvailableLicenses,
            Status = Required(dto.Status, "status"),
            ExpirationDate = dto.ExpirationDate,
            AssignedUsers = ToAssignedUsers(dto.AssignedUsers) ?? new List<AssignedUser>().ToTextList(),
        };

        private sealed class OrganizationSubscriptionDto
        {
            public string? SubscriptionId { get; set; }
            public string? ProductId { get; set; }
            public string? ProductName { get; set; }
            public int Quantity { get; set; }
            public int AssignedLicenses { get; set; }
            public int AvailableLicenses { get; set; }
            public string? Status { get; set; }
            public DateTimeOffset? ExpirationDate { get; set; }
            public List<AssignedUserDto>? AssignedUsers { get; set; }
        }
    }
}
