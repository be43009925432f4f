namespace MSCommerce.Client.Policies
{
    /// <summary>The value of one policy for one product, as the licensing service reports it.</summary>
    public sealed class ProductPolicy
    {
        /// <summary>The policy's value for a product.</summary>
        public ProductPolicy(string productName, string productId, string policyId, string policyValue)
        {
            ProductName = productName;
            ProductId = productId;
            PolicyId = policyId;
            PolicyValue = policyValue;
        }

        /// <summary>The product's name, e.g. Power BI Pro.</summary>
        public string ProductName { get; }
        /// <summary>The product's id, e.g. CFQ7TTC0H9MP.</summary>
        public string ProductId { get; }
        /// <summary>The policy's id, e.g. AllowSelfServicePurchase.</summary>
        public string PolicyId { get; }
        /// <summary>The value: Enabled, Disabled or OnlyTrialsWithoutPaymentMethod.</summary>
        public string PolicyValue { get; }

        /// <inheritdoc />
        public override string ToString() => $"{ProductName} ({ProductId})";
    }
}
