using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MSCommerce.Client.Http;
using MSCommerce.Client.Purchases;

namespace MSCommerce.Client
{
    /// <summary>
    /// Taking over a self-service purchase, as the admin center does: its users move to an organisation
    /// subscription of the same product with free licences, then the purchase is cancelled.
    /// </summary>
    public sealed partial class CommerceClient
    {
        /// <summary>
        /// Reads the purchase and the organisation's subscriptions of its product, and chooses where its
        /// users go: <paramref name="destinationId"/>, or the active subscription with the most free
        /// licences among those with enough. Sends no change. Throws <see cref="TakeOverException"/>
        /// when the purchase is not active or no subscription has room for every user.
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
                candidates = subscriptions.Where(subscription => subscription.Status == "Active").ToList();
            }

            IReadOnlyList<AssignedUser> Needing(OrganizationSubscription subscription) =>
                users.Where(user => !subscription.AssignedUsers.Any(holder => string.Equals(holder.ObjectId, user.ObjectId, StringComparison.OrdinalIgnoreCase))).ToList();

            var fitting = candidates
                .Select(subscription => (Subscription: subscription, Needing: Needing(subscription)))
                .Where(candidate => candidate.Subscription.AvailableLicenses >= candidate.Needing.Count)
                .OrderByDescending(candidate => candidate.Subscription.AvailableLicenses)
                .ThenBy(candidate => candidate.Subscription.SubscriptionId, StringComparer.Ordinal)
                .ToList();
            if (fitting.Count > 0)
            {
                return new TakeOverPlan(purchase, fitting[0].Subscription, fitting[0].Needing);
            }

            if (users.Count == 0)
            {
                return new TakeOverPlan(purchase, null, users);
            }

            if (candidates.Count == 0)
            {
                throw new TakeOverException(TakeOverErrors.NotEnoughLicences,
                    $"The organisation has no active subscription of {product}: {users.Count} licence(s) missing to move the users of {purchase.SubscriptionId} ({TakeOverException.Names(users)}). Nothing was moved.",
                    purchase.SubscriptionId, notMovedUsers: users, missingLicences: users.Count);
            }

            var closest = candidates.Select(subscription => (Subscription: subscription, Missing: Needing(subscription).Count - subscription.AvailableLicenses)).OrderBy(candidate => candidate.Missing).First();
            throw new TakeOverException(TakeOverErrors.NotEnoughLicences,
                $"{closest.Missing} licence(s) missing: the users of {purchase.SubscriptionId} ({TakeOverException.Names(users)}) need {users.Count}, and the organisation subscription of {product} with the most room ({closest.Subscription.SubscriptionId}) has {closest.Subscription.AvailableLicenses} free. Nothing was moved.",
                purchase.SubscriptionId, notMovedUsers: users, missingLicences: closest.Missing);
        }

        /// <summary>
        /// Moves each user of the plan (one call each, atomic on the service), then cancels the purchase.
        /// When a call fails after a user moved, stops there and throws <see cref="TakeOverException"/> naming who moved and who did not;
        /// the purchase stays active. When the first call fails nothing has changed, and its <see cref="CommerceServiceException"/> comes as it is.
        /// </summary>
        public async Task<TakeOverResult> CompleteTakeOverAsync(TakeOverPlan plan, RequestContext? context, CancellationToken cancellationToken)
        {
            var purchase = plan.Purchase;
            var destination = plan.Destination;
            var moved = new List<AssignedUser>();
            foreach (var user in plan.UsersToMove)
            {
                try
                {
                    destination = await MoveUserToOrganizationSubscriptionAsync(plan.Destination!.SubscriptionId, user.ObjectId, purchase.SubscriptionId, context, cancellationToken).ConfigureAwait(false);
                }
                catch (CommerceServiceException error) when (moved.Count > 0)
                {
                    var left = plan.UsersToMove.Skip(moved.Count).ToList();
                    throw new TakeOverException(TakeOverErrors.Incomplete,
                        $"Taking over {purchase.SubscriptionId} stopped at {user.UserPrincipalName}: {error.Reason} Moved to {plan.Destination!.SubscriptionId}: {TakeOverException.Names(moved)}. Still on the purchase: {TakeOverException.Names(left)}. The purchase was not cancelled.",
                        purchase.SubscriptionId, moved, left, cause: error);
                }

                moved.Add(user);
            }

            try
            {
                var cancelled = await CancelSelfServicePurchaseAsync(purchase.SubscriptionId, context, cancellationToken).ConfigureAwait(false);
                return new TakeOverResult(cancelled, destination, moved);
            }
            catch (CommerceServiceException error) when (error.ErrorCode == AlreadyCancelledCode)
            {
                // The cancel itself takes a retry's "already cancelled" as its own success; this is someone else
                // cancelling it since the plan saw it active. The users have moved, so the take-over is done all the same.
                var cancelled = await GetSelfServicePurchaseAsync(purchase.SubscriptionId, context, cancellationToken).ConfigureAwait(false);
                return new TakeOverResult(cancelled, destination, moved);
            }
            catch (CommerceServiceException error) when (moved.Count > 0)
            {
                throw new TakeOverException(TakeOverErrors.Incomplete,
                    $"Every user of {purchase.SubscriptionId} moved ({TakeOverException.Names(moved)}{(destination == null ? "" : " to " + destination.SubscriptionId)}), but cancelling the purchase failed: {error.Reason} The purchase was not cancelled; cancel it again.",
                    purchase.SubscriptionId, moved, Array.Empty<AssignedUser>(), cause: error);
            }
        }
    }
}
