using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MSCommerce.Client;
using MSCommerce.Client.Auth;
using MSCommerce.Client.Http;
using MSCommerce.Client.Purchases;

namespace MSCommerce.Commands
{
    /// <summary>What the cmdlets that change one self-service purchase share: its id from the pipeline, reading it, and the purchase errors.</summary>
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
            TryChange((client, context, cancel) => client.GetSelfServicePurchaseAsync(SubscriptionId, context, cancel), SubscriptionId, out purchase);

        /// <summary>Runs one call of the client; its failure becomes this item's error, in the purchase errors' terms.</summary>
        protected bool TryChange<T>(Func<CommerceClient, RequestContext, CancellationToken, Task<T>> call, object target, out T result)
        {
            var connection = RequireConnection();
            try
            {
                result = Await(cancel => call(connection.Client, CallContext(), cancel));
                return true;
            }
            catch (Exception error) when (error is CommerceServiceException || error is SignInException || error is TakeOverException)
            {
                WriteError(PurchaseErrorRecords.From(error, target));
                result = default!;
                return false;
            }
        }

        protected void WriteResult(SelfServicePurchase purchase)
        {
            if (PassThru)
            {
                WriteObject(Output.Of(purchase));
            }
        }
    }
}
