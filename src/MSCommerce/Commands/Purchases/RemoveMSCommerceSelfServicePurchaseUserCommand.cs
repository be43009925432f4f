using System.Management.Automation;
using MSCommerce.Client.Purchases;

namespace MSCommerce.Commands
{
    /// <summary>Takes back users' licences of a self-service purchase: the licence is free for someone else, the quantity stays.</summary>
    [Cmdlet(VerbsCommon.Remove, "MSCommerceSelfServicePurchaseUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Remove-MSCommerceSelfServicePurchaseUser.md")]
    [OutputType(typeof(SelfServicePurchase))]
    public sealed class RemoveMSCommerceSelfServicePurchaseUserCommand : PurchaseUserCmdlet
    {
        protected override string Action(string user) => $"Remove the licence of {user}";

        protected override bool TryApply(SelfServicePurchase purchase, string user, out SelfServicePurchase? changed)
        {
            changed = null;
            var applied = TryCall(async (connection, context, cancel) =>
            {
                await connection.Client.UnassignSelfServicePurchaseUserAsync(purchase.SubscriptionId, user, context, cancel).ConfigureAwait(false);
                return true;
            }, ErrorTable.PurchaseNotFoundId, user, out _);
            if (applied && PassThru && TryRead(out var after))
            {
                changed = after;
            }

            return applied;
        }
    }
}
