namespace MSCommerce.Client.Policies
{
    /// <summary>The value of one policy for one third-party offer type (SaaS, POWERBIVISUALS, DYNAMICSCE, DYNAMICSBC).</summary>
    public sealed class OfferTypePolicy
    {
        /// <summary>The policy's value for an offer type.</summary>
        public OfferTypePolicy(string policyId, string policyValue, string scopeId, string scopeValue)
        {
            PolicyId = policyId;
            PolicyValue = policyValue;
            ScopeId = scopeId;
            ScopeValue = scopeValue;
        }

        /// <summary>The policy's id, e.g. AllowSelfServicePurchase.</summary>
        public string PolicyId { get; }
        /// <summary>The value: Enabled or Disabled.</summary>
        public string PolicyValue { get; }
        /// <summary>Always OfferType.</summary>
        public string Scope => "OfferType";
        /// <summary>The offer type's id, e.g. SaaS.</summary>
        public string ScopeId { get; }
        /// <summary>The offer type's display name.</summary>
        public string ScopeValue { get; }

        /// <summary>The offer type, under the name the cmdlets' -OfferType parameter binds from.</summary>
        public string OfferType => ScopeId;

        /// <inheritdoc />
        public override string ToString() => $"{ScopeValue} ({ScopeId})";
    }
}
