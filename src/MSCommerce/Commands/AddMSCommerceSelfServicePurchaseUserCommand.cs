using System.Management.Automation;
using MSCommerce.Client.Purchases;

namespace MSCommerce.Commands
{
    /// <summary>Assigns a licence of a self-service purchase to users of its tenant, one per user, up to its quantity.</summary>
    [Cmdlet(VerbsCommon.Add, "MSCommerceSelfServicePurchaseUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SelfServicePurchase))]
    public sealed class AddMSCommerceSelfServicePurchaseUserCommand : PurchaseCmdlet
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

                if (!ShouldProcess(target, $"Assign a licence to {user}"))
                {
                    continue;
                }

                if (TryChange((client, context, cancel) => client.AssignSelfServicePurchaseUserAsync(purchase.SubscriptionId, user, context, cancel), user, out var changed))
                {
                    WriteResult(changed);
                }
            }
        }
    }
}
