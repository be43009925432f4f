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
    /// <summary>
    /// Taking over a self-service purchase, as the admin center does: its users move to an organisation
    /// subscription of the same product with free licences, the licences of users who left are released,
    /// then the purchase is cancelled; all in one step on the service.
    /// </summary>
    public sealed partial class CommerceClient
    {
        private const string DeletedState = "Deleted";

        /// <summary>
        /// Reads the purchase and the organisation's subscriptions of its product, and chooses where its
        /// users go: <paramref name="destinationId"/>, or the active subscription with the most free
        /// licences among those with room for every user who needs one. Users who left need none (their
        /// licence is released), nor do users who already hold the subscription's. Sends no change. Throws
        /// <see cref="TakeOverException"/> when the purchase is not active or no subscription has room.
        /// </summary>
        public async Task<TakeOverPlan> PlanTakeOverAsync(string subscriptionId, string? destinationId, RequestContext? context, CancellationToken cancellationToken)
        {
            var purchase = await GetSelfServicePurchaseAsync(subscriptionId, context, cancellationToken).ConfigureAwait(false);
            var product = purchase.ProductName ?? purchase.ProductId;
            if (purchase.Status != "Active" && purchase.Status != "Disabled")
            {
                throw new TakeOverException(TakeOverErrors.PurchaseNotActive,
                    $"The purchase {purchase.SubscriptionId} ({product}) is {purchase.Status}: there is nothing left to take over.", purchase.SubscriptionId);
            }

            var users = purchase.AssignedUsers ?? Array.Empty<AssignedUser>();
            var departed = users.Where(user => user.State == DeletedState).ToList();
            var staying = users.Where(user => user.State != DeletedState).ToList();
            var subscriptions = await GetOrganizationSubscriptionsAsync(purchase.ProductId, context, cancellationToken).ConfigureAwait(false);
            List<OrganizationSubscription> candidates;
            if (destinationId != null)
            {
                var destination = subscriptions.FirstOrDefault(subscription => string.Equals(subscription.SubscriptionId, destinationId, StringComparison.OrdinalIgnoreCase));
                if (destination == null)
                {
                    throw new TakeOverException(TakeOverErrors.DestinationNotFound,
                        $"{destinationId} is not an organisation subscription of {product}: the users of {purchase.SubscriptionId} can move only to a subscription of the same product.",
                        purchase.SubscriptionId);
                }

                candidates = new List<OrganizationSubscription> { destination };
            }
            else
            {
                if (staying.Count == 0)
                {
                    return new TakeOverPlan(purchase, null, staying, departed);
                }

                candidates = subscriptions.Where(subscription => subscription.Status == "Active").ToList();
            }

            bool Holds(OrganizationSubscription subscription, AssignedUser user) =>
                subscription.AssignedUsers.Any(holder => string.Equals(holder.ObjectId, user.ObjectId, StringComparison.OrdinalIgnoreCase));
            IReadOnlyList<AssignedUser> Needing(OrganizationSubscription subscription) => staying.Where(user => !Holds(subscription, user)).ToList();

            var fitting = candidates
                .Select(subscription => (Subscription: subscription, Needing: Needing(subscription)))
                .Where(candidate => candidate.Subscription.AvailableLicenses >= candidate.Needing.Count)
                .OrderByDescending(candidate => candidate.Subscription.AvailableLicenses)
                .ThenBy(candidate => candidate.Subscription.SubscriptionId, StringComparer.Ordinal)
                .ToList();
            if (fitting.Count > 0)
            {
                var chosen = fitting[0].Subscription;
                return new TakeOverPlan(purchase, chosen, fitting[0].Needing, departed, staying.Where(user => Holds(chosen, user)).ToList());
            }

            if (candidates.Count == 0)
            {
                throw new TakeOverException(TakeOverErrors.NotEnoughLicences,
                    $"The organisation has no active subscription of {product}: {staying.Count} licence(s) missing to move the users of {purchase.SubscriptionId} ({TakeOverException.Names(staying)}). Nothing was moved.",
                    purchase.SubscriptionId, staying, staying.Count);
            }

            var closest = candidates.Select(subscription => (Subscription: subscription, Needing: Needing(subscription)))
                .OrderBy(candidate => candidate.Needing.Count - candidate.Subscription.AvailableLicenses).First();
            var missing = closest.Needing.Count - closest.Subscription.AvailableLicenses;
            throw new TakeOverException(TakeOverErrors.NotEnoughLicences,
                $"{missing} licence(s) missing: the users of {purchase.SubscriptionId} ({TakeOverException.Names(closest.Needing)}) need {closest.Needing.Count}, and the organisation subscription of {product} with the most room ({closest.Subscription.SubscriptionId}) has {closest.Subscription.AvailableLicenses} free. Nothing was moved.",
                purchase.SubscriptionId, closest.Needing, missing);
        }

        /// <summary>
        /// Carries out the plan in one step on the service (<see cref="TakeOverSelfServicePurchaseAsync"/>) onto the plan's
        /// destination, the one the caller approved. When the service refuses, nothing has changed: a refusal the plan
        /// foresees (no room any more, the purchase taken over or expired meanwhile, the destination gone) comes as a
        /// <see cref="TakeOverException"/>, anything else as the service's <see cref="CommerceServiceException"/>.
        /// </summary>
        public async Task<TakeOverResult> CompleteTakeOverAsync(TakeOverPlan plan, RequestContext? context, CancellationToken cancellationToken)
        {
            var purchase = plan.Purchase;
            try
            {
                return await TakeOverSelfServicePurchaseAsync(purchase.SubscriptionId, plan.Destination?.SubscriptionId, context, cancellationToken).ConfigureAwait(false);
            }
            catch (CommerceServiceException error) when (error.ErrorCode == CommerceErrorCodes.NotEnoughLicences)
            {
                throw new TakeOverException(TakeOverErrors.NotEnoughLicences, error.Reason, purchase.SubscriptionId, plan.UsersToMove, error.MissingLicences, error);
            }
            catch (CommerceServiceException error) when (error.ErrorCode == CommerceErrorCodes.AlreadyTakenOver || error.ErrorCode == CommerceErrorCodes.SubscriptionExpired)
            {
                throw new TakeOverException(TakeOverErrors.PurchaseNotActive, error.Reason, purchase.SubscriptionId, cause: error);
            }
            catch (CommerceServiceException error) when (error.ErrorCode == CommerceErrorCodes.DestinationNotFound || error.ErrorCode == CommerceErrorCodes.ProductMismatch || error.ErrorCode == CommerceErrorCodes.SubscriptionNotActive)
            {
                throw new TakeOverException(TakeOverErrors.DestinationNotFound, error.Reason, purchase.SubscriptionId, cause: error);
            }
        }

        /// <summary>
        /// Takes a self-service purchase over in one step on the service: users who left have their licence
        /// released, users who already hold the destination's licence leave the purchase, the others move to
        /// <paramref name="destinationId"/> (or, without it, the subscription the service chooses, as
        /// <see cref="PlanTakeOverAsync"/> does), and the purchase is cancelled. Without room for every user
        /// nothing changes and the service answers 409 NotEnoughLicences. A retried call refused as already
        /// taken over was carried out by its own earlier attempt, whose answer was lost: that is success, and
        /// the outcome is read back from the service.
        /// </summary>
        public async Task<TakeOverResult> TakeOverSelfServicePurchaseAsync(string subscriptionId, string? destinationId, RequestContext? context, CancellationToken cancellationToken)
        {
            var body = destinationId == null ? "{}" : JsonSerializer.Serialize(new { destination = destinationId });
            try
            {
                return await FetchAsync<TakeOverDto, TakeOverResult>(HttpMethod.Post, PurchasePath(subscriptionId) + "/takeOver", body, context, cancellationToken, ToTakeOver, safeToRepeat: true).ConfigureAwait(false);
            }
            catch (CommerceServiceException error) when (error.ErrorCode == CommerceErrorCodes.AlreadyTakenOver && error.Retried)
            {
                return await GetTakeOverAsync(subscriptionId, context, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>What the take-over of a purchase did: who moved where, whose licence was released, who already held it.</summary>
        public Task<TakeOverResult> GetTakeOverAsync(string subscriptionId, RequestContext? context, CancellationToken cancellationToken) =>
            FetchAsync<TakeOverDto, TakeOverResult>(HttpMethod.Get, PurchasePath(subscriptionId) + "/takeOver", null, context, cancellationToken, ToTakeOver);

        private static TakeOverResult ToTakeOver(TakeOverDto dto) => new TakeOverResult(
            ToPurchase(dto.Purchase ?? throw new JsonException("the take-over has no purchase")),
            dto.Destination == null ? null : ToSubscription(dto.Destination),
            ToAssignedUsers(dto.MovedUsers) ?? new List<AssignedUser>().ToTextList(),
            ToAssignedUsers(dto.ReleasedUsers) ?? new List<AssignedUser>().ToTextList(),
            ToAssignedUsers(dto.AlreadyAssignedUsers) ?? new List<AssignedUser>().ToTextList(),
            dto.TakenOverAt,
            dto.TakenOverBy);

        private sealed class TakeOverDto
        {
            public PurchaseDto? Purchase { get; set; }
            public OrganizationSubscriptionDto? Destination { get; set; }
            public List<AssignedUserDto>? MovedUsers { get; set; }
            public List<AssignedUserDto>? ReleasedUsers { get; set; }
            public List<AssignedUserDto>? AlreadyAssignedUsers { get; set; }
            public DateTimeOffset? TakenOverAt { get; set; }
            public string? TakenOverBy { get; set; }
        }
    }
}
