using System.Management.Automation;
using MSCommerce.Client.Purchases;

namespace MSCommerce.Commands
{
    /// <summary>
    /// What adding and removing a purchase's users share: the -User parameter, the purchase read once,
    /// and per user a local check, a confirmation and one change whose failure is that user's error.
    /// </summary>
    public abstract class PurchaseUserCmdlet : PurchaseCmdlet
    {
        /// <summary>The user's principal name or object id; binds from piped strings and from the UserPrincipalName of piped users.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserPrincipalName")]
        [ValidateNotNullOrEmpty]
        public string[] User { get; set; } = null!;

        /// <summary>The change as the confirmation names it, e.g. "Assign a licence to alice@contoso.com".</summary>
        protected abstract string Action(string user);

        /// <summary>Makes the change for one user; the purchase as it is afterwards when there is one to write.</summary>
        protected abstract bool TryApply(SelfServicePurchase purchase, string user, out SelfServicePurchase? changed);

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

                if (ShouldProcess(target, Action(user)) && TryApply(purchase, user, out var changed) && changed != null)
                {
                    WriteResult(changed);
                }
            }
        }
    }
}
