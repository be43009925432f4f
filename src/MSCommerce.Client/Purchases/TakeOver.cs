using System;
using System.Collections.Generic;
using System.Linq;

namespace MSCommerce.Client.Purchases
{
    /// <summary>What taking over a self-service purchase will do: which users move to which organisation subscription, before the purchase is cancelled.</summary>
    public sealed class TakeOverPlan
    {
        /// <summary>A plan to move <paramref name="usersToMove"/> from <paramref name="purchase"/> onto <paramref name="destination"/>.</summary>
        public TakeOverPlan(SelfServicePurchase purchase, OrganizationSubscription? destination, IReadOnlyList<AssignedUser> usersToMove)
        {
            Purchase = purchase;
            Destination = destination;
            UsersToMove = usersToMove;
        }

        /// <summary>The self-service purchase to take over.</summary>
        public SelfServicePurchase Purchase { get; }

        /// <summary>Null only when no user needs a licence: the purchase is then just cancelled.</summary>
        public OrganizationSubscription? Destination { get; }

        /// <summary>The users assigned to the purchase, who will hold the destination's licences.</summary>
        public IReadOnlyList<AssignedUser> UsersToMove { get; }
    }

    /// <summary>A completed take-over: the cancelled purchase, the subscription its users now hold, and who moved.</summary>
    public sealed class TakeOverResult
    {
        /// <summary>The outcome of a take-over that moved <paramref name="movedUsers"/> onto <paramref name="destination"/> and cancelled <paramref name="purchase"/>.</summary>
        public TakeOverResult(SelfServicePurchase purchase, OrganizationSubscription? destination, IReadOnlyList<AssignedUser> movedUsers)
        {
            Purchase = purchase;
            Destination = destination;
            MovedUsers = movedUsers;
        }

        /// <summary>The purchase, as the service reports it once cancelled.</summary>
        public SelfServicePurchase Purchase { get; }
        /// <summary>The organisation subscription the users moved to; null when none had to.</summary>
        public OrganizationSubscription? Destination { get; }
        /// <summary>The users who moved.</summary>
        public IReadOnlyList<AssignedUser> MovedUsers { get; }
    }

    /// <summary>The error codes of <see cref="TakeOverException"/>.</summary>
    public static class TakeOverErrors
    {
        /// <summary>The purchase is cancelled or expired: there is nothing to take over.</summary>
        public const string PurchaseNotActive = "PurchaseNotActive";

        /// <summary>The destination given is not an organisation subscription of the purchase's product.</summary>
        public const string DestinationNotFound = "DestinationNotFound";

        /// <summary>No organisation subscription of the product has enough free licences: nothing was moved.</summary>
        public const string NotEnoughLicences = "NotEnoughLicences";

        /// <summary>A step failed after others succeeded: some users moved, the purchase is not cancelled.</summary>
        public const string Incomplete = "TakeOverIncomplete";
    }

    /// <summary>
    /// Taking over a purchase failed, and the purchase was not cancelled. Every user is on exactly one
    /// subscription whatever the step that failed (each move is one step on the service):
    /// <see cref="MovedUsers"/> hold the organisation's licence, <see cref="NotMovedUsers"/> still the purchase's.
    /// </summary>
    public sealed class TakeOverException : Exception
    {
        /// <summary>A take-over of <paramref name="subscriptionId"/> that stopped with <paramref name="errorCode"/> (see <see cref="TakeOverErrors"/>).</summary>
        public TakeOverException(string errorCode, string message, string subscriptionId, IReadOnlyList<AssignedUser>? movedUsers = null,
            IReadOnlyList<AssignedUser>? notMovedUsers = null, int? missingLicences = null, CommerceServiceException? cause = null)
            : base(message, cause)
        {
            ErrorCode = errorCode;
            SubscriptionId = subscriptionId;
            MovedUsers = movedUsers ?? Array.Empty<AssignedUser>();
            NotMovedUsers = notMovedUsers ?? Array.Empty<AssignedUser>();
            MissingLicences = missingLicences;
        }

        /// <summary>One of the codes of <see cref="TakeOverErrors"/>.</summary>
        public string ErrorCode { get; }
        /// <summary>The self-service purchase being taken over.</summary>
        public string SubscriptionId { get; }
        /// <summary>The users who hold the organisation's licence now.</summary>
        public IReadOnlyList<AssignedUser> MovedUsers { get; }
        /// <summary>The users who still hold the purchase's licence.</summary>
        public IReadOnlyList<AssignedUser> NotMovedUsers { get; }
        /// <summary>How many more free licences a destination would need; set for <see cref="TakeOverErrors.NotEnoughLicences"/>.</summary>
        public int? MissingLicences { get; }

        /// <summary>The service's refusal that stopped it, when a call failed.</summary>
        public CommerceServiceException? Cause => InnerException as CommerceServiceException;

        internal static string Names(IEnumerable<AssignedUser> users)
        {
            var names = users.Select(user => user.UserPrincipalName).ToList();
            return names.Count == 0 ? "none" : string.Join(", ", names);
        }
    }
}
