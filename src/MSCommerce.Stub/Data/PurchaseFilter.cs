namespace MSCommerce.Stub.Data;

/// <summary>Which purchases of a tenant to list; every condition given must hold.</summary>
public sealed record PurchaseFilter(string TenantId, int Take)
{
    /// <summary>Central (Organization) subscriptions too, as Graph lists them; self-service ones only otherwise.</summary>
    public bool IncludeOrganization { get; init; }

    /// <summary>Only subscriptions of this owner type (<see cref="OwnerTypes"/>); overrides <see cref="IncludeOrganization"/>.</summary>
    public string? OwnerType { get; init; }

    public string? ProductId { get; init; }

    /// <summary>The purchaser's UPN or object id, as an admin types it.</summary>
    public string? Purchaser { get; init; }

    /// <summary>Whether the purchaser still has an account: Active, Disabled or Deleted (<see cref="PurchaserStates"/>).</summary>
    public string? PurchaserState { get; init; }

    /// <summary>The purchaser's exact object id (the caller, for /me).</summary>
    public string? OwnedBy { get; init; }

    public string? Status { get; init; }

    public bool? IsTrial { get; init; }

    public DateTime? CreatedAfter { get; init; }

    public DateTime? ExpiringBefore { get; init; }

    public PurchaseCursor? After { get; init; }
}
