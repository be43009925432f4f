using System.Management.Automation;
using MSCommerce.Connections;

namespace MSCommerce.Commands
{
    [Cmdlet(VerbsCommon.Get, "MSCommerceConnection", HelpUri = HelpLinks.Base + "Get-MSCommerceConnection.md")]
    [OutputType(typeof(MSCommerceConnection))]
    public sealed class GetMSCommerceConnectionCommand : PSCmdlet
    {
        protected override void BeginProcessing() => Loading.FormatViews.EnsureAdded();

        protected override void EndProcessing()
        {
            var connection = RunspaceConnections.Current;
            if (connection == null)
            {
                WriteVerbose("Not connected. Run Connect-MSCommerce.");
                return;
            }

            WriteObject(Output.Of(connection));
        }
    }
}
