using System;
using System.Collections.Generic;
using System.Management.Automation;
using MSCommerce.Client.Fleet;
using MSCommerce.Fleet;

namespace MSCommerce.Commands
{
    /// <summary>
    /// A cmdlet that works in the connection's tenant, or with -TenantId (or a partner's customers on the pipeline) in
    /// many tenants with the one sign-in: an item given with tenants is kept, and the tenants are worked through when
    /// the input ends, several at once.
    /// </summary>
    public abstract class FleetCmdlet : ConnectedCmdlet
    {
        private readonly FleetTargets _fleet = new FleetTargets();
        private bool _sawInput;

        /// <summary>The tenants to work in (ids or domains) with the one sign-in; a partner's customers bind from the pipeline.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? TenantId { get; set; }

        /// <summary>The tenant's name on its items, errors and reports; bound from a partner customer on the pipeline.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? TenantName { get; set; }

        /// <summary>With -TenantId: how many tenants are worked in at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = FleetRun.DefaultThrottleLimit;

        /// <summary>Notes that input came, so that a pipeline which gave no tenant is told apart from a command given none; a derived cmdlet calls it first.</summary>
        protected override void ProcessRecord() => _sawInput = true;

        /// <summary>With -TenantId (given or bound from the pipeline): keeps the tenants with <paramref name="key"/>, what their work goes with (a policy id, a product id, a baseline file or folder), and returns true.</summary>
        protected bool AddToFleet(string? key)
        {
            if (TenantId == null)
            {
                return false;
            }

            _fleet.Add(TenantId, TenantName, key);
            return true;
        }

        /// <summary>
        /// Once the input has ended: refuses what cannot work over many tenants (before any request), warns when the
        /// pipeline gave no tenant, then hands each key with its tenants to <paramref name="perKey"/>, which runs them
        /// through the <see cref="FleetRun"/>. Null, and nothing done, when the command was not given tenants.
        /// </summary>
        private protected FleetRun? RunFleet(Action<FleetRun, string?, IReadOnlyList<TenantTarget>> perKey)
        {
            if (_fleet.IsEmpty && !(MyInvocation.ExpectingInput && !_sawInput))
            {
                return null;
            }

            var run = FleetCommands.Start(this, Messages, work => Await(work), Token, RequireConnection, CallContext());
            if (_fleet.IsEmpty)
            {
                FleetCommands.WarnNoTenants(this);
            }

            foreach (var (key, tenants) in _fleet.ByPath())
            {
                perKey(run, key, tenants);
            }

            return run;
        }
    }
}
