using System.Globalization;
using MSCommerce.Client.Purchases;

namespace MSCommerce.Commands
{
    /// <summary>How a purchase is named to a person deciding whether to change it: "Power BI Pro × 8, bought by Dana Example (left), renews 2027-09-27".</summary>
    internal static class PurchaseDescriptions
    {
        public static string Describe(SelfServicePurchase purchase)
        {
            var product = (purchase.ProductName ?? purchase.ProductId ?? purchase.SubscriptionId) + (purchase.IsTrial ? " trial" : "");
            var date = purchase.ExpirationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var when = date == null ? "" : purchase.AutoRenew == true && purchase.Status == "Active" ? $", renews {date}" : $", ends {date}";
            return $"{product} × {purchase.Quantity}, bought by {Purchaser(purchase)}{when}";
        }

        /// <summary>The purchaser's name, marked when they left or their account is blocked.</summary>
        public static string Purchaser(SelfServicePurchase purchase)
        {
            var name = purchase.PurchaserDisplayName ?? purchase.PurchaserUpn ?? purchase.PurchaserObjectId ?? "an unknown user";
            var mark = purchase.PurchaserState switch
            {
                "Deleted" => "(left)",
                "Disabled" => "(disabled)",
                _ => null,
            };
            return mark == null || name.Contains(mark) ? name : $"{name} {mark}";
        }
    }
}
