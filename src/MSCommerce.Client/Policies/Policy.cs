namespace MSCommerce.Client.Policies
{
    /// <summary>A policy of the licensing service (AllowSelfServicePurchase).</summary>
    public sealed class Policy
    {
        /// <summary>A policy with its id, description and default value.</summary>
        public Policy(string policyId, string description, string defaultValue)
        {
            PolicyId = policyId;
            Description = description;
            DefaultValue = defaultValue;
        }

        /// <summary>The policy's id, e.g. AllowSelfServicePurchase.</summary>
        public string PolicyId { get; }
        /// <summary>What the policy controls.</summary>
        public string Description { get; }
        /// <summary>The value of products that have not been set.</summary>
        public string DefaultValue { get; }
    }
}
