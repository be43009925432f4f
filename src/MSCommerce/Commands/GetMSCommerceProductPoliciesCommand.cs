using System.Management.Automation;
using MSCommerce.Client;

namespace MSCommerce.Commands
{
    [Cmdlet(VerbsCommon.Get, "MSCommerceProductPolicies")]
    [OutputType(typeof(ProductPolicy))]
    public sealed class GetMSCommerceProductPoliciesCommand : MSCommerceCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string PolicyId { get; set; } = null!;

        protected override void EndProcessing()
        {
            var connection = RequireConnection();
            foreach (var policy in Await(cancel => connection.Client.GetProductPoliciesAsync(PolicyId, cancel)))
            {
                var output = PSObject.AsPSObject(policy);
                output.TypeNames.Insert(0, "MSCommerce.ProductPolicy");
                WriteObject(output);
            }
        }
    }
}
