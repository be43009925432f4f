using System;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using MSCommerce.Client;
using MSCommerce.Connections;

namespace MSCommerce.Commands
{
    [Cmdlet(VerbsCommunications.Connect, "MSCommerce")]
    [OutputType(typeof(MSCommerceConnection))]
    public sealed class ConnectMSCommerceCommand : PSCmdlet
    {
        private static readonly Uri LicensingService = new Uri("https://licensing.m365.microsoft.com/");

        [Parameter(Mandatory = true)]
        [ValidateNotNull]
        public SecureString AccessToken { get; set; } = null!;

        [Parameter]
        [ValidateNotNull]
        public Uri Endpoint { get; set; } = LicensingService;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            var client = new CommerceClient(Endpoint, new StaticTokenProvider(Reveal(AccessToken)));
            var connection = new MSCommerceConnection(client, "AccessToken");
            RunspaceConnections.Current = connection;
            WriteVerbose($"Connected to {connection.Endpoint} with an access token.");
            if (PassThru)
            {
                WriteObject(connection);
            }
            else
            {
                Host.UI.WriteLine("Connection established successfully");
            }
        }

        private static string Reveal(SecureString secret)
        {
            var pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
            try
            {
                return Marshal.PtrToStringUni(pointer) ?? string.Empty;
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
