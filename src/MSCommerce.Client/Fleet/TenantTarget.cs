namespace MSCommerce.Client.Fleet
{
    /// <summary>One tenant of a fleet: its id (or domain) and the name reports give it.</summary>
    public sealed class TenantTarget
    {
        /// <summary>A tenant; without a name, its id stands for it.</summary>
        public TenantTarget(string tenantId, string? tenantName)
        {
            TenantId = tenantId;
            TenantName = string.IsNullOrWhiteSpace(tenantName) ? tenantId : tenantName!;
        }

        /// <summary>The tenant id or domain, as given.</summary>
        public string TenantId { get; }

        /// <summary>The tenant's name, or its id when none is known.</summary>
        public string TenantName { get; }

        /// <inheritdoc />
        public override string ToString() => TenantName == TenantId ? TenantId : $"{TenantName} ({TenantId})";
    }
}
