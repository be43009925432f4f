using System.Management.Automation;
using MSCommerce.Client.Purchases;

namespace MSCommerce.Commands
{
    /// <summary>
    /// Changes how many licences a self-service purchase has; the service refuses fewer than are assigned, a trial's, and one no longer active.
    /// It changes what the tenant is billed, so it asks first (ConfirmImpact High, as Disable and Move).
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "MSCommerceSelfServicePurchase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Set-MSCommerceSelfServicePurchase.md")]
    [OutputType(typeof(SelfServicePurchase))]
    public sealed class SetMSCommerceSelfServicePurchaseCommand : PurchaseCmdlet
    {
        [Parameter(Mandatory = true)]
        [ValidateRange(1, 10000)]
        public int Quantity { get; set; }

        protected override void ProcessRecord()
        {
            if (!IsValidSubscriptionId() || !TryRead(out var purchase))
            {
                return;
            }

            var target = PurchaseDescriptions.Describe(purchase);
            if (purchase.Quantity == Quantity)
            {
                WriteVerbose($"{target} already has {Quantity} licences: nothing to change.");
                WriteResult(purchase);
                return;
            }

            if (!ShouldProcess(target, $"Quantity {purchase.Quantity} → {Quantity}"))
            {
                return;
            }

            if (TryCall((connection, context, cancel) => connection.Client.SetSelfServicePurchaseQuantityAsync(purchase.SubscriptionId, Quantity, context, cancel), ErrorTable.PurchaseNotFoundId, SubscriptionId, out var changed))
            {
                if (!PassThru)
                {
                    WriteOutcome($"{purchase}: quantity {purchase.Quantity} → {changed.Quantity}.");
                }

                WriteResult(changed);
            }
        }
    }
}
