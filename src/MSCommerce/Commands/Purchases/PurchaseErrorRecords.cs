using System.Management.Automation;
using MSCommerce.Client;

namespace MSCommerce.Commands
{
    /// <summary>The purchase errors found before any request: an id or a user that cannot be right.</summary>
    internal static class PurchaseErrorRecords
    {
        public static ErrorRecord InvalidSubscriptionId(string subscriptionId) =>
            ErrorRecords.InvalidArgument("InvalidSubscriptionId", $"'{EchoedInput.Of(subscriptionId)}' is not a subscription id: subscription ids are GUIDs.", subscriptionId,
                "Get-MSCommerceSelfServicePurchases lists the purchases with their SubscriptionId.");

        public static ErrorRecord InvalidUser(string user) =>
            ErrorRecords.InvalidArgument("InvalidUser", $"'{EchoedInput.Of(user)}' is neither a user principal name (name@domain) nor an object id (a GUID).", user,
                "Give the user's sign-in name, e.g. bob@contoso.com, or their object id.");
    }
}
