using System.Management.Automation;
using MSCommerce.Client.Purchases;

namespace MSCommerce.Commands
{
    /// <summary>Assigns a licence of a self-service purchase to users of its tenant, one per user, up to its quantity.</summary>
    [Cmdlet(VerbsCommon.Add, "MSCommerceSelfServicePurchaseUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Add-MSCommerceSelfServicePurchaseUser.md")]
    [OutputType(typeof(SelfServicePurchase))]
    public sealed class AddMSCommerceSelfServicePurchaseUserCommand : PurchaseUserCmdlet
    {
        protected override string Action(string user) => $"Assign a licence to {user}";

        protected override bool TryApply(SelfServicePurchase purchase, string user, out SelfServicePurchase? changed)
        {
            var applied = TryCall((connection, context, cancel) => connection.Client.AssignSelfServicePurchaseUserAsync(purchase.SubscriptionId, user, context, cancel), ErrorTable.PurchaseNotFoundId, user, out var assigned);
            changed = applied ? assigned : null;
            return applied;
        }
    }
}
