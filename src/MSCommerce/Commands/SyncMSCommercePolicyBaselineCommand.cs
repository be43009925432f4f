using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using MSCommerce.Client;
using MSCommerce.Client.Baselines;

namespace MSCommerce.Commands
{
    /// <summary>
    /// Brings a tenant to a baseline file: changes only what differs, several changes in flight at
    /// once, each one confirmed (or listed by -WhatIf) before any is sent.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "MSCommercePolicyBaseline", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PolicyChangeRecord))]
    public sealed class SyncMSCommercePolicyBaselineCommand : BaselineCmdlet
    {
        public const int DefaultThrottleLimit = 8;
        private const string Activity = "Enforcing the policy baseline";

        /// <summary>How many changes may be in flight at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        /// <summary>Writes a record of each change made.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var baseline = ReadBaseline();
            var drift = CompareWithTenant(baseline);
            foreach (var absent in drift.Where(item => !item.IsEnforceable))
            {
                WriteWarning($"The baseline lists {absent.ProductName} ({absent.Id}), which the tenant does not have: remove it from {Path}.");
            }

            var approved = drift.Where(item => item.IsEnforceable && ShouldProcess(Target(item), Action(item))).ToList();
            if (approved.Count == 0)
            {
                WriteVerbose(drift.Any(item => item.IsEnforceable) ? "No change was approved." : $"The tenant already matches the baseline {Path}: nothing to change.");
                return;
            }

            Enforce(baseline, approved);
        }

        private void Enforce(PolicyBaseline baseline, IReadOnlyList<PolicyDrift> changes)
        {
            var connection = RequireConnection();
            var progress = new Tally(changes.Count);
            var observer = new Observer(this, progress);
            WriteProgress(progress.Record(Activity));
            try
            {
                Await(async cancel =>
                {
                    await new BaselineEnforcer(connection.Client, baseline.PolicyId).RunAsync(changes, ThrottleLimit, observer, CallContext(), cancel).ConfigureAwait(false);
                    return true;
                });
            }
            finally
            {
                var done = progress.Record(Activity);
                done.RecordType = ProgressRecordType.Completed;
                WriteProgress(done);
            }

            WriteVerbose($"Changed {progress.Changed} of {changes.Count}; {progress.Failed} failed; {progress.NotSent} not sent.");
        }

        private static string Target(PolicyDrift drift) => $"{drift.ProductName} ({drift.Id})";

        private static string Action(PolicyDrift drift) =>
            drift.Reason == DriftReason.NewProduct
                ? $"{drift.Actual} → {drift.Expected} (not listed: the baseline's default)"
                : $"{drift.Actual} → {drift.Expected}";

        /// <summary>Counts the changes as they end; read on the pipeline thread, written by workers.</summary>
        private sealed class Tally
        {
            private int _changed;
            private int _failed;
            private int _notSent;

            public Tally(int total) => Total = total;

            public int Total { get; }
            public int Changed => Volatile.Read(ref _changed);
            public int Failed => Volatile.Read(ref _failed);
            public int NotSent => Volatile.Read(ref _notSent);

            public void CountChanged() => Interlocked.Increment(ref _changed);

            public void CountFailed() => Interlocked.Increment(ref _failed);

            public void CountNotSent() => Interlocked.Increment(ref _notSent);

            public ProgressRecord Record(string activity)
            {
                var done = Changed + Failed + NotSent;
                var notSent = NotSent == 0 ? "" : $", {NotSent} not sent";
                return new ProgressRecord(1, activity, $"{done} of {Total} changes ({Failed} failed{notSent})")
                {
                    PercentComplete = Total == 0 ? 100 : (int)(100L * done / Total),
                };
            }
        }

        /// <summary>Hands the workers' news to the pipeline thread, the only one allowed to write.</summary>
        private sealed class Observer : IBaselineEnforcementObserver
        {
            private readonly SyncMSCommercePolicyBaselineCommand _command;
            private readonly Tally _tally;

            public Observer(SyncMSCommercePolicyBaselineCommand command, Tally tally)
            {
                _command = command;
                _tally = tally;
            }

            public void Changed(PolicyChangeRecord change)
            {
                _tally.CountChanged();
                _command.Messages.Post(() =>
                {
                    _command.WriteVerbose($"{change}: done.");
                    if (_command.PassThru)
                    {
                        _command.WriteObject(Output.Of(change));
                    }

                    _command.WriteProgress(_tally.Record(Activity));
                });
            }

            public void Failed(PolicyDrift drift, Exception error)
            {
                _tally.CountFailed();
                var notFoundId = drift.Scope == PolicyDrift.OfferTypeScope ? "OfferTypeNotFound" : "ProductPolicyNotFound";
                _command.Messages.Post(() =>
                {
                    _command.WriteError(ErrorRecords.From(error, notFoundId, drift.Id));
                    _command.WriteProgress(_tally.Record(Activity));
                });
            }

            public void NotSent(PolicyChangeRecord change, CommerceServiceException error)
            {
                _tally.CountNotSent();
                _command.Messages.Post(() =>
                {
                    _command.WriteError(ErrorRecords.From(error, "ProductPolicyNotFound", change.Id));
                    if (_command.PassThru)
                    {
                        _command.WriteObject(Output.Of(change));
                    }

                    _command.WriteProgress(_tally.Record(Activity));
                });
            }
        }
    }
}
