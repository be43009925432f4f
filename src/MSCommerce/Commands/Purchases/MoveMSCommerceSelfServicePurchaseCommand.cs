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

        private const string Activity = "Taking over self-service purchases";

        private int _takenOver;
        private int _notTakenOver;
        private bool _progressShown;

        protected override void ProcessRecord()
        {
            WriteProgress(Progress($"now: {SubscriptionId}"));
            _progressShown = true;
            if (TakeOver())
            {
                _takenOver++;
            }
            else
            {
                _notTakenOver++;
            }
        }

        protected override void EndProcessing()
        {
            if (_progressShown)
            {
                var done = Progress("done");
                done.RecordType = ProgressRecordType.Completed;
                WriteProgress(done);
            }
        }

        /// <summary>Where a piped batch stands: how many purchases were taken over and how many were not (declined or failed).</summary>
        private ProgressRecord Progress(string current) =>
            new ProgressRecord(1, Activity, $"{_takenOver} taken over, {_notTakenOver} not (declined or failed); {current}");

        /// <summary>Takes this purchase over; false when it was not (invalid input, declined, or failed: its error is written).</summary>
        private bool TakeOver()
        {
            if (!IsValidSubscriptionId())
            {
                return false;
            }

            if (Destination != null && !Guid.TryParse(Destination, out _))
            {
                WriteError(PurchaseErrorRecords.InvalidSubscriptionId(Destination));
                return false;
            }

            if (!TryCall((connection, context, cancel) => connection.Client.PlanTakeOverAsync(SubscriptionId, Destination, context, cancel), ErrorTable.PurchaseNotFoundId, SubscriptionId, out var plan))
            {
                return false;
            }

            var target = PurchaseDescriptions.Describe(plan.Purchase);
            if (!ShouldProcess(target, Action(plan)))
            {
                return false;
            }

            WriteProgress(Progress($"now: {plan.Purchase}"));
            if (!TryCall((connection, context, cancel) => connection.Client.CompleteTakeOverAsync(plan, context, cancel), ErrorTable.PurchaseNotFoundId, SubscriptionId, out var result))
            {
                return false;
            }

            var destination = Named(result.Destination);
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
            else
            {
                WriteOutcome(Outcome(plan.Purchase, result));
            }

            return true;
        }

        /// <summary>What became of the purchase, in one line: "Power BI Pro (…): moved 2 user(s) to Power BI Pro (…); cancelled."</summary>
        private static string Outcome(SelfServicePurchase purchase, TakeOverResult result)
        {
            var destination = Named(result.Destination);
            var parts = new List<string> { result.MovedUsers.Count > 0 ? $"moved {result.MovedUsers.Count} user(s) to {destination}" : "no user to move" };
            if (result.AlreadyAssignedUsers.Count > 0)
            {
                parts.Add($"{result.AlreadyAssignedUsers.Count} already held {destination}");
            }

            if (result.ReleasedUsers.Count > 0)
            {
                parts.Add($"released the licence(s) of {result.ReleasedUsers.Count} user(s) who left");
            }

            return $"{purchase}: {string.Join(", ", parts)}; cancelled.";
        }

        /// <summary>The plan in words, for -WhatIf and -Confirm: who moves where, whose licence is released, who already holds it.</summary>
        /// <remarks>
        /// One wording whatever the plan: its first step says who moves, "no user to move" when nobody does (no user at all,
        /// only users who left, or only users already on the destination; with or without -Destination).
        /// </remarks>
        private static string Action(TakeOverPlan plan)
        {
            var steps = new List<string>
            {
                plan.UsersToMove.Count > 0
                    ? $"move {plan.UsersToMove.Count} user(s) ({Names(plan.UsersToMove)}) to {plan.Destination!.ProductName} ({plan.Destination.SubscriptionId}, {plan.Destination.AvailableLicenses} free)"
                    : "no user to move",
            };

            if (plan.AlreadyAssignedUsers.Count > 0)
            {
                steps.Add($"take {plan.AlreadyAssignedUsers.Count} user(s) who already hold {plan.Destination!.ProductName} ({plan.Destination.SubscriptionId}) off the purchase ({Names(plan.AlreadyAssignedUsers)})");
            }

            if (plan.DepartedUsers.Count > 0)
            {
                steps.Add($"release the licence(s) of {plan.DepartedUsers.Count} user(s) who left the organisation ({Names(plan.DepartedUsers)})");
            }

            return $"Take over: {string.Join("; ", steps)}, then cancel the purchase";
        }

        private static string Named(OrganizationSubscription? subscription) =>
            subscription == null ? "" : $"{subscription.ProductName} ({subscription.SubscriptionId})";

        private static string Names(IEnumerable<AssignedUser> users) => string.Join(", ", users.Select(user => user.UserPrincipalName));
    }
}
