using System.Management.Automation;
using MSCommerce.Client.Baselines;
using MSCommerce.Client.Policies;
using MSCommerce.Client.Purchases;
using MSCommerce.Connections;

namespace MSCommerce.Commands
{
    /// <summary>The module's output objects with their stable type names, which the format views select.</summary>
    internal static class Output
    {
        public const string PolicyType = "MSCommerce.Policy";
        public const string ProductPolicyType = "MSCommerce.ProductPolicy";
        public const string OfferTypePolicyType = "MSCommerce.OfferTypePolicy";
        public const string ConnectionType = "MSCommerce.Connection";
        public const string PolicyDriftType = "MSCommerce.PolicyDrift";
        public const string PolicyChangeType = "MSCommerce.PolicyChange";
        public const string SelfServicePurchaseType = "MSCommerce.SelfServicePurchase";
        public const string TakeOverResultType = "MSCommerce.TakeOverResult";

        public static PSObject Of(Policy policy) => Named(policy, PolicyType);

        public static PSObject Of(ProductPolicy policy) => Named(policy, ProductPolicyType);

        public static PSObject Of(OfferTypePolicy policy) => Named(policy, OfferTypePolicyType);

        public static PSObject Of(MSCommerceConnection connection) => Named(connection, ConnectionType);

        public static PSObject Of(PolicyDrift drift) => Named(drift, PolicyDriftType);

        public static PSObject Of(PolicyChangeRecord change) => Named(change, PolicyChangeType);

        public static PSObject Of(SelfServicePurchase purchase) => Named(purchase, SelfServicePurchaseType);

        public static PSObject Of(TakeOverResult result) => Named(result, TakeOverResultType);

        private static PSObject Named(object value, string typeName)
        {
            var output = PSObject.AsPSObject(value);
            if (!output.TypeNames.Contains(typeName))
            {
                output.TypeNames.Insert(0, typeName);
            }

            return output;
        }
    }
}
