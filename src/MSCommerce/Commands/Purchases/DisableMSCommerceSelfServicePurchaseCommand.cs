using System.Management.Automation;
using MSCommerce.Client;
using MSCommerce.Client.Purchases;

namespace MSCommerce.Commands
{
    /// <summary>
    /// Cancels a self-service purchase or trial, as a Global or Billing Administrator does in the admin
    /// center: it stops renewing and billing. One already cancelled or expired is that item's error, and
    /// the pipeline goes on.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Disable, "MSCommerceSelfServicePurchase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Disable-MSCommerceSelfServicePurchase.md")]
    [OutputType(typeof(SelfServicePurchase))]
    public sealed class DisableMSCommerceSelfServicePurchaseCommand : PurchaseCmdlet
    {
        protected override void ProcessRecord()
        {
            if (!IsValidSubscriptionId() || !TryRead(out var purchase))
            {
                return;
            }

            var target = PurchaseDescriptions.Describe(purchase);
            if (purchase.Status == "Cancelled" || purchase.Status == "Expired")
            {
                var error = new System.InvalidOperationException($"{target} ({purchase.SubscriptionId}) is already {purchase.Status}: there is nothing left to cancel.");
                WriteError(ErrorTable.Record(purchase.Status == "Cancelled" ? CommerceErrorCodes.AlreadyCancelled : CommerceErrorCodes.SubscriptionExpired, error, SubscriptionId));
                return;
            }

            if (!ShouldProcess(target, "Cancel the self-service " + (purchase.IsTrial ? "trial" : "purchase")))
            {
                return;
            }

            if (TryCall((connection, context, cancel) => connection.Client.CancelSelfServicePurchaseAsync(purchase.SubscriptionId, context, cancel), ErrorTable.PurchaseNotFoundId, SubscriptionId, out var cancelled))
            {
                WriteVerbose($"Cancelled {target} ({purchase.SubscriptionId}).");
                WriteResult(cancelled);
            }
        }
    }
}
