using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MSCommerce.Loading;

namespace MSCommerce.Commands
{
    /// <summary>
    /// What every cmdlet that waits on the client shares: cancellation on Ctrl+C (StopProcessing), and
    /// blocking on the client's tasks while writing their messages on the pipeline thread.
    /// </summary>
    public abstract class AsyncCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private CmdletMessages? _messages;

        protected CancellationToken Cancellation => _stopping.Token;

        internal CmdletMessages Messages => _messages ??= new CmdletMessages(WriteVerbose, WriteDebug, WantsDebug());

        /// <summary>Runs the client's work, writing its narration as it comes; gives up at once on Ctrl+C.</summary>
        protected T Await<T>(Func<CancellationToken, Task<T>> work)
        {
            var task = work(Cancellation);
            if (!task.IsCompleted)
            {
                // The pipeline thread sleeps until a message arrives or the work ends, whichever is first.
                var messages = Messages;
                task.ContinueWith(_ => messages.Wake(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                try
                {
                    while (!task.IsCompleted)
                    {
                        messages.Drain(TimeSpan.FromSeconds(1));
                    }
                }
                catch
                {
                    // A write refused because the pipeline is stopping can come before StopProcessing does: the work must not outlive its command.
                    _stopping.Cancel();
                    throw;
                }
            }

            Messages.Settle();
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>
        /// One line of outcome for the person at the console, as Write-Host writes it: shown by default, on the
        /// information stream, so a script silences it with -InformationAction Ignore or 6>$null.
        /// </summary>
        protected void WriteOutcome(string message) =>
            WriteInformation(new HostInformationMessage { Message = message, NoNewLine = false }, new[] { "PSHOST" });

        /// <summary>The module's format views come into the runspace with its first cmdlet, not with Import-Module (FormatViews).</summary>
        protected override void BeginProcessing() => FormatViews.EnsureAdded();

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>The engine disposes a cmdlet after its pipeline ends, however it ends: Ctrl+C and terminating errors skip EndProcessing, not this.</summary>
        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        /// <summary>Releases what the cmdlet holds; a derived cmdlet releases its own and calls this.</summary>
        protected virtual void Dispose(bool disposing)
        {
            if (disposing)
            {
                // Whatever the command started and did not wait for ends with it.
                _stopping.Cancel();
                _stopping.Dispose();
            }
        }

        private bool WantsDebug()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Debug", out var debug))
            {
                return debug is SwitchParameter on && on.IsPresent;
            }

            return GetVariableValue("DebugPreference") is ActionPreference preference && preference != ActionPreference.SilentlyContinue;
        }
    }
}
