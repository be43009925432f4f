using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MSCommerce.Client.Purchases;

namespace MSCommerce.Commands
{
    /// <summary>
    /// Takes over a self-service purchase, as the admin center does, in one step on the service: each user
    /// assigned to it moves to an organisation subscription of the same product with free licences
    /// (-Destination, or the one with the most room), users who left have their licence released, users who
    /// already hold the subscription's licence only leave the purchase, and the purchase is cancelled.
    /// Without room for every user nothing changes. -PassThru writes what became of each user.
    /// </summary>
    [Cmdlet(VerbsCommon.Move, "MSCommerceSelfServicePurchase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Move-MSCommerceSelfServicePurchase.md")]
    [OutputType(typeof(TakeOverResult))]
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
            if (!ShouldProcess(target, Action(plan)))
            {
                return;
            }

            if (TryChange((client, context, cancel) => client.CompleteTakeOverAsync(plan, context, cancel), SubscriptionId, out var result))
            {
                var destination = result.Destination == null ? "" : $"{result.Destination.ProductName} ({result.Destination.SubscriptionId})";
                foreach (var user in result.MovedUsers)
                {
                    WriteVerbose($"Moved {user.UserPrincipalName} to {result.Destination?.SubscriptionId}.");
                }

                foreach (var user in result.AlreadyAssignedUsers)
                {
                    WriteVerbose($"{user.UserPrincipalName} already holds {destination}: taken off the purchase.");
                }

                foreach (var user in result.ReleasedUsers)
                {
                    WriteVerbose($"Released the licence of {user.UserPrincipalName}, who left the organisation.");
                }

                WriteVerbose($"Cancelled {target} ({plan.Purchase.SubscriptionId}).");
                if (PassThru)
                {
                    WriteObject(Output.Of(result));
                }
            }
        }

        /// <summary>The plan in words, for -WhatIf and -Confirm: who moves where, whose licence is released, who already holds it.</summary>
        private static string Action(TakeOverPlan plan)
        {
            var steps = new List<string>();
            if (plan.UsersToMove.Count > 0)
            {
                steps.Add($"move {plan.UsersToMove.Count} user(s) ({Names(plan.UsersToMove)}) to {plan.Destination!.ProductName} ({plan.Destination.SubscriptionId}, {plan.Destination.AvailableLicenses} free)");
            }

            if (plan.AlreadyAssignedUsers.Count > 0)
            {
                steps.Add($"take {plan.AlreadyAssignedUsers.Count} user(s) who already hold {plan.Destination!.ProductName} ({plan.Destination.SubscriptionId}) off the purchase ({Names(plan.AlreadyAssignedUsers)})");
            }

            if (plan.DepartedUsers.Count > 0)
            {
                steps.Add($"release the licence(s) of {plan.DepartedUsers.Count} user(s) who left the organisation ({Names(plan.DepartedUsers)})");
            }

            return steps.Count == 0
                ? "Take over: no user to move; cancel the purchase"
                : $"Take over: {string.Join("; ", steps)}, then cancel the purchase";
        }

        private static string Names(IEnumerable<AssignedUser> users) => string.Join(", ", users.Select(user => user.UserPrincipalName));
    }
}
