namespace MSCommerce.Client.Policies
{
    /// <summary>The value of one policy for one product, as the licensing service reports it.</summary>
    public sealed class ProductPolicy
    {
        public ProductPolicy(string productName, string productId, string policyId, string policyValue)
        {
            ProductName = productName;
            ProductId = productId;
            PolicyId = policyId;
            PolicyValue = policyValue;
        }

        public string ProductName { get; }
        public string ProductId { get; }
        public string PolicyId { get; }
        public string PolicyValue { get; }

        public override string ToString() => $"{ProductName} ({ProductId})";
    }
}
