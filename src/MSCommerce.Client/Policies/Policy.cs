namespace MSCommerce.Client.Policies
{
    /// <summary>A policy of the licensing service (AllowSelfServicePurchase).</summary>
    public sealed class Policy
    {
        public Policy(string policyId, string description, string defaultValue)
        {
            PolicyId = policyId;
            Description = description;
            DefaultValue = defaultValue;
        }

        public string PolicyId { get; }
        public string Description { get; }
        public string DefaultValue { get; }
    }
}
