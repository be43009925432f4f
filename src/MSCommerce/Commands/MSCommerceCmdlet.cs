using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MSCommerce.Connections;

namespace MSCommerce.Commands
{
    /// <summary>
    /// What every cmdlet that talks to the licensing service shares: the connection it uses,
    /// cancellation on Ctrl+C, and turning the client's failures into ErrorRecords.
    /// </summary>
    public abstract class MSCommerceCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        protected CancellationToken CancellationToken => _stopping.Token;

        protected MSCommerceConnection RequireConnection()
        {
            var connection = RunspaceConnections.Current;
            if (connection is null)
            {
                var error = new ErrorRecord(
                    new InvalidOperationException("You must call the Connect-MSCommerce cmdlet before calling any other cmdlets."),
                    "NotConnected",
                    ErrorCategory.AuthenticationError,
                    null);
                error.ErrorDetails = new ErrorDetails(error.Exception.Message)
                {
                    RecommendedAction = "Run Connect-MSCommerce, then run this command again.",
                };
                ThrowTerminatingError(error);
            }

            return connection!;
        }

        /// <summary>Runs the client's work on the pipeline thread, giving it up when the user presses Ctrl+C.</summary>
        protected T Await<T>(Func<CancellationToken, Task<T>> work)
        {
            return work(CancellationToken).GetAwaiter().GetResult();
        }

        protected override void StopProcessing() => _stopping.Cancel();

        public void Dispose()
        {
            _stopping.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
