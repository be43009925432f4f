using MSCommerce.Stub.Data;

namespace MSCommerce.Stub.Rules;

/// <summary>An organisation subscription a take-over may move users onto, with who already holds its licences.</summary>
public sealed record TakeOverCandidate(Purchase Subscription, IReadOnlyCollection<string> HolderObjectIds)
{
    public int Free => Math.Max(0, Subscription.Quantity - Subscription.AssignedLicenses);

    public bool Holds(AssignedUser user) => HolderObjectIds.Contains(user.ObjectId, StringComparer.OrdinalIgnoreCase);
}

/// <summary>What a take-over does: where the users go, and what becomes of each.</summary>
public sealed record TakeOverDecision(Purchase? Destination, IReadOnlyList<AssignedUser> Move, IReadOnlyList<AssignedUser> Release, IReadOnlyList<AssignedUser> AlreadyAssigned);

/// <summary>
/// Taking over a self-service purchase, as the admin center does, in one step: the users still in the
/// organisation move to a central subscription of the same product, those who left have their licence
/// released (it cannot be assigned to them anywhere), those who already hold the central subscription's
/// licence only leave the purchase; then the purchase is cancelled. Without room for every user who
/// needs a licence nothing changes. A purchase already taken over, or expired, is refused; a cancelled
/// one still has its users taken over (its licences run to the end of its term).
/// </summary>
public static class PurchaseTakeOver
{
    public static ChangeRefusal? Source(Purchase purchase, TakeOverRecord? takenOver)
    {
        if (takenOver is not null)
        {
            var where = takenOver.DestinationId is null ? "" : $" onto {takenOver.DestinationId}";
            return ChangeRefusal.Conflict(ChangeErrorCodes.AlreadyTakenOver,
                $"The purchase {purchase.SubscriptionId} was taken over{where} by {takenOver.By} at {takenOver.At:yyyy-MM-ddTHH:mm:ssZ} (correlation id {takenOver.CorrelationId}); GET its takeOver for what happened.");
        }

        return purchase.Status == PurchaseStatuses.Expired
            ? ChangeRefusal.Conflict(ChangeErrorCodes.SubscriptionExpired, "The subscription has expired; there is nothing left to take over.")
            : null;
    }

    /// <summary>
    /// Where the users go: <paramref name="requested"/>, or the active candidate with the most free licences
    /// among those with room for every user who needs one (by id when tied). Null destination when nobody needs one.
    /// </summary>
    public static (TakeOverDecision? Decision, ChangeRefusal? Refusal) Decide(Purchase source, IReadOnlyList<AssignedUser> users, IReadOnlyList<TakeOverCandidate> candidates, TakeOverCandidate? requested)
    {
        var release = users.Where(user => user.Departed).ToList();
        var staying = users.Where(user => !user.Departed).ToList();
        if (requested is not null)
        {
            if (!string.Equals(source.ProductId, requested.Subscription.ProductId, StringComparison.OrdinalIgnoreCase))
            {
                return (null, ChangeRefusal.Invalid(ChangeErrorCodes.ProductMismatch,
                    $"The subscription {requested.Subscription.SubscriptionId} is {requested.Subscription.ProductName}, not {source.ProductName}; users move to a subscription of the same product."));
            }

            var needing = Needing(staying, requested);
            if (needing.Count > 0 && requested.Subscription.Status != PurchaseStatuses.Active)
            {
                return (null, ChangeRefusal.Conflict(ChangeErrorCodes.SubscriptionNotActive,
                    $"The subscription {requested.Subscription.SubscriptionId} is {requested.Subscription.Status}; users move only to an active subscription. Nothing was changed."));
            }

            return needing.Count > requested.Free
                ? (null, NotEnough(source, needing, needing.Count - requested.Free, $"{requested.Subscription.SubscriptionId} has {requested.Free} free"))
                : (Decided(requested, staying, release), null);
        }

        if (staying.Count == 0)
        {
            return (new TakeOverDecision(null, [], release, []), null);
        }

        var active = candidates.Where(candidate => candidate.Subscription.Status == PurchaseStatuses.Active).ToList();
        var fitting = active
            .Where(candidate => candidate.Free >= Needing(staying, candidate).Count)
            .OrderByDescending(candidate => candidate.Free)
            .ThenBy(candidate => candidate.Subscription.SubscriptionId, StringComparer.Ordinal)
            .FirstOrDefault();
        if (fitting is not null)
        {
            return (Decided(fitting, staying, release), null);
        }

        if (active.Count == 0)
        {
            return (null, NotEnough(source, staying, staying.Count, $"the organisation has no active subscription of {source.ProductName}"));
        }

        var closest = active.OrderBy(candidate => Needing(staying, candidate).Count - candidate.Free).ThenBy(candidate => candidate.Subscription.SubscriptionId, StringComparer.Ordinal).First();
        var lacking = Needing(staying, closest);
        return (null, NotEnough(source, lacking, lacking.Count - closest.Free,
            $"the subscription of {source.ProductName} with the most room ({closest.Subscription.SubscriptionId}) has {closest.Free} free"));
    }

    /// <summary>The 409 of a destination without room: how many licences are missing, for whom.</summary>
    private static ChangeRefusal NotEnough(Purchase source, IReadOnlyList<AssignedUser> needing, int missing, string why) =>
        ChangeRefusal.Conflict(ChangeErrorCodes.NotEnoughLicences,
            $"{missing} licence(s) missing: the users of {source.SubscriptionId} ({string.Join(", ", needing.Select(user => user.UserPrincipalName))}) need {needing.Count}, and {why}. Nothing was changed.") with { MissingLicences = missing };

    private static List<AssignedUser> Needing(IEnumerable<AssignedUser> staying, TakeOverCandidate candidate) => staying.Where(user => !candidate.Holds(user)).ToList();

    private static TakeOverDecision Decided(TakeOverCandidate destination, IReadOnlyList<AssignedUser> staying, IReadOnlyList<AssignedUser> release) =>
        new(destination.Subscription, Needing(staying, destination), release, staying.Where(destination.Holds).ToList());
}
