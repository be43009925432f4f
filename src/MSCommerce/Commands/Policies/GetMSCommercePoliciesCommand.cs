using System.Management.Automation;
using MSCommerce.Client.Policies;

namespace MSCommerce.Commands
{
    [Cmdlet(VerbsCommon.Get, "MSCommercePolicies", HelpUri = HelpLinks.Base + "Get-MSCommercePolicies.md")]
    [OutputType(typeof(Policy))]
    public sealed class GetMSCommercePoliciesCommand : ConnectedCmdlet
    {
        protected override void ProcessRecord()
        {
            if (TryCall((connection, context, cancel) => connection.Client.GetPoliciesAsync(context, cancel), "PolicyNotFound", "policies", out var policies))
            {
                foreach (var policy in policies)
                {
                    WriteObject(Output.Of(policy));
                }
            }
        }
    }
}
