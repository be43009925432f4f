namespace MSCommerce.Client.Policies
{
    /// <summary>The value of one policy for one third-party offer type (SaaS, POWERBIVISUALS, DYNAMICSCE, DYNAMICSBC).</summary>
    public sealed class OfferTypePolicy
    {
        public OfferTypePolicy(string policyId, string policyValue, string scopeId, string scopeValue)
        {
            PolicyId = policyId;
            PolicyValue = policyValue;
            ScopeId = scopeId;
            ScopeValue = scopeValue;
        }

        public string PolicyId { get; }
        public string PolicyValue { get; }
        public string Scope => "OfferType";
        public string ScopeId { get; }
        public string ScopeValue { get; }

        /// <summary>The offer type, under the name the cmdlets' -OfferType parameter binds from.</summary>
        public string OfferType => ScopeId;

        public override string ToString() => $"{ScopeValue} ({ScopeId})";
    }
}
