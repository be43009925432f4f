using System.Management.Automation;
using MSCommerce.Connections;

namespace MSCommerce.Commands
{
    [Cmdlet(VerbsCommunications.Disconnect, "MSCommerce", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "Disconnect-MSCommerce.md")]
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
            if (connection == null || connection.IsDisconnected)
            {
                WriteVerbose(connection == null ? "Not connected: nothing to disconnect." : $"{connection} is already disconnected.");
                return;
            }

            if (!ShouldProcess(connection.ToString(), "Disconnect and forget the sign-in"))
            {
                return;
            }

            // Whether it is the default or a connection handed out with -PassThru (or both), it ends here:
            // the object the user still holds then fails as "not connected", not with a disposed client.
            // A person's remembered sign-in (ContextScope CurrentUser) is forgotten too: the next Connect-MSCommerce asks again.
            connection.Client.SignOutAsync(System.Threading.CancellationToken.None).GetAwaiter().GetResult();
            if (ReferenceEquals(connection, current))
            {
                RunspaceConnections.Current = null;
            }

            connection.Dispose();
            WriteVerbose($"Disconnected {connection}.");
        }
    }
}
