using System.Management.Automation;
using MSCommerce.Connections;

namespace MSCommerce.Commands
{
    [Cmdlet(VerbsCommunications.Disconnect, "MSCommerce", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(void))]
    public sealed class DisconnectMSCommerceCommand : PSCmdlet
    {
        /// <summary>The connection to forget; the runspace's default connection otherwise.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public MSCommerceConnection? Connection { get; set; }

        protected override void ProcessRecord()
        {
            var current = RunspaceConnections.Current;
            var connection = Connection ?? current;
            if (connection == null)
            {
                WriteVerbose("Not connected: nothing to disconnect.");
                return;
            }

            if (!ShouldProcess(connection.ToString(), "Disconnect and forget the sign-in"))
            {
                return;
            }

            // A person's remembered sign-in (ContextScope CurrentUser) is forgotten too: the next Connect-MSCommerce asks again.
            connection.Client.SignOutAsync().GetAwaiter().GetResult();
            if (ReferenceEquals(connection, current))
            {
                RunspaceConnections.Current = null;
            }
            else
            {
                connection.Dispose();
            }

            WriteVerbose($"Disconnected {connection}.");
        }
    }
}
