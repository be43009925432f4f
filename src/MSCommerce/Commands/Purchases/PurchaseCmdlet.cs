using System;
using System.Management.Automation;
using MSCommerce.Client.Purchases;

namespace MSCommerce.Commands
{
    /// <summary>What the cmdlets that change one self-service purchase share: its id from the pipeline and reading it.</summary>
    public abstract class PurchaseCmdlet : ConnectedCmdlet
    {
        /// <summary>The purchase's subscription id; binds from the SubscriptionId of piped purchases.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string SubscriptionId { get; set; } = null!;

        /// <summary>Writes the purchase as it is after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected bool IsValidSubscriptionId()
        {
            if (Guid.TryParse(SubscriptionId, out _))
            {
                return true;
            }

            WriteError(PurchaseErrorRecords.InvalidSubscriptionId(SubscriptionId));
            return false;
        }

        protected static bool IsUser(string user) => user.Contains("@") || Guid.TryParse(user, out _);

        /// <summary>The purchase as it stands, with its assigned users; false after writing its error.</summary>
        protected bool TryRead(out SelfServicePurchase purchase) =>
            TryCall((connection, context, cancel) => connection.Client.GetSelfServicePurchaseAsync(SubscriptionId, context, cancel), ErrorTable.PurchaseNotFoundId, SubscriptionId, out purchase);

        protected void WriteResult(SelfServicePurchase purchase)
        {
            if (PassThru)
            {
                WriteObject(Output.Of(purchase));
            }
        }
    }
}
