using System.Management.Automation;
using MSCommerce.Client.Purchases;

namespace MSCommerce.Commands
{
    /// <summary>Takes back users' licences of a self-service purchase: the licence is free for someone else, the quantity stays.</summary>
    [Cmdlet(VerbsCommon.Remove, "MSCommerceSelfServicePurchaseUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SelfServicePurchase))]
    public sealed class RemoveMSCommerceSelfServicePurchaseUserCommand : PurchaseCmdlet
    {
        /// <summary>The user's principal name or object id; binds from piped strings and from the UserPrincipalName of piped users.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserPrincipalName")]
        [ValidateNotNullOrEmpty]
        public string[] User { get; set; } = null!;

        protected override void ProcessRecord()
        {
            if (!IsValidSubscriptionId() || !TryRead(out var purchase))
            {
                return;
            }

            var target = PurchaseDescriptions.Describe(purchase);
            foreach (var user in User)
            {
                if (!IsUser(user))
                {
                    WriteError(PurchaseErrorRecords.InvalidUser(user));
                    continue;
                }

                if (!ShouldProcess(target, $"Remove the licence of {user}"))
                {
                    continue;
                }

                if (TryChange(async (client, context, cancel) =>
                        {
                            await client.UnassignSelfServicePurchaseUserAsync(purchase.SubscriptionId, user, context, cancel).ConfigureAwait(false);
                            return true;
                        }, user, out _)
                    && PassThru && TryRead(out var changed))
                {
                    WriteResult(changed);
                }
            }
        }
    }
}
