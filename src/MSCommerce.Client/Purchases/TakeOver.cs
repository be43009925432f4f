using System;
using System.Collections.Generic;
using System.Linq;

namespace MSCommerce.Client.Purchases
{
    /// <summary>
    /// What taking over a self-service purchase will do: which users move to which organisation subscription,
    /// whose licence is released because they left, who already holds the destination; then the purchase is cancelled.
    /// </summary>
    public sealed class TakeOverPlan
    {
        /// <summary>A plan to move <paramref name="usersToMove"/> from <paramref name="purchase"/> onto <paramref name="destination"/>.</summary>
        public TakeOverPlan(SelfServicePurchase purchase, OrganizationSubscription? destination, IReadOnlyList<AssignedUser> usersToMove,
            IReadOnlyList<AssignedUser>? departedUsers = null, IReadOnlyList<AssignedUser>? alreadyAssignedUsers = null)
        {
            Purchase = purchase;
            Destination = destination;
            UsersToMove = usersToMove;
            DepartedUsers = departedUsers ?? Array.Empty<AssignedUser>();
            AlreadyAssignedUsers = alreadyAssignedUsers ?? Array.Empty<AssignedUser>();
        }

        /// <summary>The self-service purchase to take over.</summary>
        public SelfServicePurchase Purchase { get; }

        /// <summary>Null only when no user still in the organisation holds the purchase's licences: the purchase is then just cancelled.</summary>
        public OrganizationSubscription? Destination { get; }

        /// <summary>The users assigned to the purchase who will hold the destination's licences.</summary>
        public IReadOnlyList<AssignedUser> UsersToMove { get; }

        /// <summary>The users assigned to the purchase who left the organisation: their licence is released, not moved.</summary>
        public IReadOnlyList<AssignedUser> DepartedUsers { get; }

        /// <summary>The users assigned to the purchase who already hold the destination's licence: they only leave the purchase.</summary>
        public IReadOnlyList<AssignedUser> AlreadyAssignedUsers { get; }
    }

    /// <summary>A completed take-over: the cancelled purchase, the subscription its users now hold, and what became of each user.</summary>
    public sealed class TakeOverResult
    {
        /// <summary>The outcome of a take-over that moved <paramref name="movedUsers"/> onto <paramref name="destination"/> and cancelled <paramref name="purchase"/>.</summary>
        public TakeOverResult(SelfServicePurchase purchase, OrganizationSubscription? destination, IReadOnlyList<AssignedUser> movedUsers,
            IReadOnlyList<AssignedUser>? releasedUsers = null, IReadOnlyList<AssignedUser>? alreadyAssignedUsers = null, DateTimeOffset? takenOverAt = null, string? takenOverBy = null)
        {
            Purchase = purchase;
            Destination = destination;
            MovedUsers = movedUsers;
            ReleasedUsers = releasedUsers ?? Array.Empty<AssignedUser>();
            AlreadyAssignedUsers = alreadyAssignedUsers ?? Array.Empty<AssignedUser>();
            TakenOverAt = takenOverAt;
            TakenOverBy = takenOverBy;
        }

        /// <summary>The purchase's subscription id (so the result pipes into the purchase cmdlets by property name).</summary>
        public string SubscriptionId => Purchase.SubscriptionId;
        /// <summary>The purchase, as the service reports it once cancelled.</summary>
        public SelfServicePurchase Purchase { get; }
        /// <summary>The organisation subscription the users moved to; null when none had to.</summary>
        public OrganizationSubscription? Destination { get; }
        /// <summary>The users who moved.</summary>
        public IReadOnlyList<AssignedUser> MovedUsers { get; }
        /// <summary>The users who had left the organisation: their licence of the purchase was released.</summary>
        public IReadOnlyList<AssignedUser> ReleasedUsers { get; }
        /// <summary>The users who already held the destination's licence: they only left the purchase.</summary>
        public IReadOnlyList<AssignedUser> AlreadyAssignedUsers { get; }
        /// <summary>When the service took the purchase over; null when it did not say.</summary>
        public DateTimeOffset? TakenOverAt { get; }
        /// <summary>Who took it over, as the service's audit names them; null when it did not say.</summary>
        public string? TakenOverBy { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Purchase} taken over: moved {TakeOverException.Names(MovedUsers)}; released {TakeOverException.Names(ReleasedUsers)}; already held {TakeOverException.Names(AlreadyAssignedUsers)}";
    }

    /// <summary>The error codes of <see cref="TakeOverException"/>.</summary>
    public static class TakeOverErrors
    {
        /// <summary>The purchase is cancelled, expired or already taken over: there is nothing to take over.</summary>
        public const string PurchaseNotActive = "PurchaseNotActive";

        /// <summary>The destination given is not an active organisation subscription of the purchase's product.</summary>
        public const string DestinationNotFound = CommerceErrorCodes.DestinationNotFound;

        /// <summary>No organisation subscription of the product has enough free licences: nothing was moved.</summary>
        public const string NotEnoughLicences = CommerceErrorCodes.NotEnoughLicences;
    }

    /// <summary>
    /// Taking over a purchase was refused, and nothing changed: the take-over is one step on the service,
    /// so every user still holds the purchase's licence and the purchase was not cancelled.
    /// </summary>
    public sealed class TakeOverException : Exception
    {
        /// <summary>A take-over of <paramref name="subscriptionId"/> refused with <paramref name="errorCode"/> (see <see cref="TakeOverErrors"/>).</summary>
        public TakeOverException(string errorCode, string message, string subscriptionId, IReadOnlyList<AssignedUser>? notMovedUsers = null,
            int? missingLicences = null, CommerceServiceException? cause = null)
            : base(message, cause)
        {
            ErrorCode = errorCode;
            SubscriptionId = subscriptionId;
            NotMovedUsers = notMovedUsers ?? Array.Empty<AssignedUser>();
            MissingLicences = missingLicences;
        }

        /// <summary>One of the codes of <see cref="TakeOverErrors"/>.</summary>
        public string ErrorCode { get; }
        /// <summary>The self-service purchase being taken over.</summary>
        public string SubscriptionId { get; }
        /// <summary>The users who needed a licence and still hold the purchase's.</summary>
        public IReadOnlyList<AssignedUser> NotMovedUsers { get; }
        /// <summary>How many more free licences a destination would need; set for <see cref="TakeOverErrors.NotEnoughLicences"/>.</summary>
        public int? MissingLicences { get; }

        /// <summary>The service's refusal, when the service refused.</summary>
        public CommerceServiceException? Cause => InnerException as CommerceServiceException;

        internal static string Names(IEnumerable<AssignedUser> users)
        {
            var names = users.Select(user => user.UserPrincipalName).ToList();
            return names.Count == 0 ? "none" : string.Join(", ", names);
        }
    }
}
