using System;
using System.Linq;
using System.Management.Automation;
using MSCommerce.Client.Purchases;

namespace MSCommerce.Commands
{
    /// <summary>
    /// Takes over a self-service purchase, as the admin center does: each user assigned to it moves to
    /// an organisation subscription of the same product with free licences (-Destination, or the one
    /// with the most room), then the purchase is cancelled. Without room for every user nothing moves;
    /// when a step fails the error names who moved, and running the command again finishes the job.
    /// </summary>
    [Cmdlet(VerbsCommon.Move, "MSCommerceSelfServicePurchase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(SelfServicePurchase))]
    public sealed class MoveMSCommerceSelfServicePurchaseCommand : PurchaseCmdlet
    {
        /// <summary>The subscription id of the organisation subscription the users move to; chosen automatically without it.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? Destination { get; set; }

        protected override void ProcessRecord()
        {
            if (!IsValidSubscriptionId())
            {
                return;
            }

            if (Destination != null && !Guid.TryParse(Destination, out _))
            {
                WriteError(PurchaseErrorRecords.InvalidSubscriptionId(Destination));
                return;
            }

            if (!TryChange((client, context, cancel) => client.PlanTakeOverAsync(SubscriptionId, Destination, context, cancel), SubscriptionId, out var plan))
            {
                return;
            }

            var target = PurchaseDescriptions.Describe(plan.Purchase);
            var action = plan.Destination == null
                ? "Take over: no user to move; cancel the purchase"
                : $"Take over: move {plan.UsersToMove.Count} user(s) ({string.Join(", ", plan.UsersToMove.Select(user => user.UserPrincipalName))}) to {plan.Destination.ProductName} " +
                  $"({plan.Destination.SubscriptionId}, {plan.Destination.AvailableLicenses} free), then cancel the purchase";
            if (!ShouldProcess(target, action))
            {
                return;
            }

            if (TryChange((client, context, cancel) => client.CompleteTakeOverAsync(plan, context, cancel), SubscriptionId, out var result))
            {
                foreach (var user in result.MovedUsers)
                {
                    WriteVerbose($"Moved {user.UserPrincipalName} to {result.Destination?.SubscriptionId}.");
                }

                WriteVerbose($"Cancelled {target} ({plan.Purchase.SubscriptionId}).");
                WriteResult(result.Purchase);
            }
        }
    }
}
