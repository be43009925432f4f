using System;
using System.Management.Automation;
using MSCommerce.Client;
using MSCommerce.Client.Purchases;

namespace MSCommerce.Commands
{
    /// <summary>The errors of changing a purchase: each of the service's rules as its own error id, category and recommended action.</summary>
    internal static class PurchaseErrorRecords
    {
        public const string NotFoundId = "PurchaseNotFound";

        public static ErrorRecord From(Exception error, object? target)
        {
            if (error is TakeOverException takeOver)
            {
                return FromTakeOver(takeOver, target);
            }

            if (!(error is CommerceServiceException service))
            {
                return ErrorRecords.From(error, NotFoundId, target);
            }

            switch (service.ErrorCode)
            {
                case "AlreadyCancelled":
                    return AlreadyCancelled(service, target);
                case "SubscriptionExpired":
                    return Expired(service, target);
                case "SubscriptionNotActive":
                    return ErrorRecords.Create(service, "PurchaseNotActive", ErrorCategory.InvalidOperation, target,
                        "Only an active purchase's quantity and licences change: Get-MSCommerceSelfServicePurchases shows its status.");
                case "QuantityBelowAssigned":
                    return ErrorRecords.Create(service, "QuantityBelowAssigned", ErrorCategory.InvalidArgument, target,
                        "Remove users with Remove-MSCommerceSelfServicePurchaseUser first, or choose a quantity at least the number of licences assigned.");
                case "TrialQuantityFixed":
                    return ErrorRecords.Create(service, "TrialQuantityFixed", ErrorCategory.InvalidOperation, target,
                        "A trial's licence count cannot change: let the trial end or cancel it with Disable-MSCommerceSelfServicePurchase.");
                case "QuantityOutOfRange":
                    return ErrorRecords.Create(service, "QuantityOutOfRange", ErrorCategory.InvalidArgument, target, "Choose a quantity from 1 to 10000.");
                case "NoFreeLicences":
                    return ErrorRecords.Create(service, "NoFreeLicences", ErrorCategory.LimitsExceeded, target,
                        "Raise the quantity with Set-MSCommerceSelfServicePurchase -Quantity, or remove a user first.");
                case "UserNotInTenant":
                    return ErrorRecords.Create(service, "UserNotFound", ErrorCategory.ObjectNotFound, target,
                        "Give the user principal name or object id of a user of the purchase's tenant.");
                case "UserDeleted":
                    return ErrorRecords.Create(service, "UserDeleted", ErrorCategory.InvalidArgument, target, "The user left the organisation: assign the licence to someone else.");
                default:
                    return ErrorRecords.From(service, service.StatusCode == System.Net.HttpStatusCode.NotFound && service.Reason.Contains("is not a user") ? "UserNotFound" : NotFoundId, target);
            }
        }

        public static ErrorRecord AlreadyCancelled(Exception error, object? target) =>
            ErrorRecords.Create(error, "PurchaseAlreadyCancelled", ErrorCategory.InvalidOperation, target,
                "Nothing to do: the purchase no longer renews. Get-MSCommerceSelfServicePurchases -Status Active lists those still running.");

        public static ErrorRecord Expired(Exception error, object? target) =>
            ErrorRecords.Create(error, "PurchaseExpired", ErrorCategory.InvalidOperation, target,
                "Nothing to do: the purchase has expired and bills no more. Get-MSCommerceSelfServicePurchases -Status Active lists those still running.");

        public static ErrorRecord InvalidSubscriptionId(string subscriptionId) =>
            ErrorRecords.InvalidArgument("InvalidSubscriptionId", $"'{EchoedInput.Of(subscriptionId)}' is not a subscription id: subscription ids are GUIDs.", subscriptionId,
                "Get-MSCommerceSelfServicePurchases lists the purchases with their SubscriptionId.");

        public static ErrorRecord InvalidUser(string user) =>
            ErrorRecords.InvalidArgument("InvalidUser", $"'{EchoedInput.Of(user)}' is neither a user principal name (name@domain) nor an object id (a GUID).", user,
                "Give the user's sign-in name, e.g. bob@contoso.com, or their object id.");

        private static ErrorRecord FromTakeOver(TakeOverException error, object? target)
        {
            // A refusal by the service (the plan was right when read, but not when carried out) names its call.
            var message = error.Cause?.CorrelationId == null ? null : $"{error.Message} Correlation id: {error.Cause.CorrelationId}.";
            switch (error.ErrorCode)
            {
                case TakeOverErrors.NotEnoughLicences:
                    return ErrorRecords.Create(error, "NotEnoughLicences", ErrorCategory.LimitsExceeded, target,
                        $"Buy {error.MissingLicences} more licence(s) for an organisation subscription of the product, or remove users from the purchase first, then run the command again.", message);
                case TakeOverErrors.DestinationNotFound:
                    return ErrorRecords.Create(error, "DestinationNotFound", ErrorCategory.ObjectNotFound, target,
                        "Leave out -Destination to let the command choose, or give an active organisation subscription of the purchase's product.", message);
                default:
                    return ErrorRecords.Create(error, "PurchaseNotActive", ErrorCategory.InvalidOperation, target,
                        "Nothing to take over: the purchase no longer bills, or was taken over already. Get-MSCommerceSelfServicePurchases -Status Active lists those still running.", message);
            }
        }
    }
}
