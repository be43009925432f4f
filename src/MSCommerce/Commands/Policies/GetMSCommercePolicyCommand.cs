using System.Management.Automation;
using MSCommerce.Client.Policies;
using MSCommerce.Completion;

namespace MSCommerce.Commands
{
    [Cmdlet(VerbsCommon.Get, "MSCommercePolicy", HelpUri = HelpLinks.Base + "Get-MSCommercePolicy.md")]
    [OutputType(typeof(Policy))]
    public sealed class GetMSCommercePolicyCommand : ConnectedCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PolicyIdCompleter))]
        public string PolicyId { get; set; } = PolicyValues.AllowSelfServicePurchase;

        protected override void ProcessRecord()
        {
            if (AreWellFormed((ResourceNameKind.PolicyId, PolicyId))
                && TryCall((connection, context, cancel) => connection.Client.GetPolicyAsync(PolicyId, context, cancel), "PolicyNotFound", PolicyId, out var policy))
            {
                WriteObject(Output.Of(policy));
            }
        }
    }
}
