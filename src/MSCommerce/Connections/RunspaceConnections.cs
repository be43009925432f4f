using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace MSCommerce.Connections
{
    /// <summary>
    /// The default connection of each runspace. Never process-wide: parallel runspaces and scripts
    /// that work across several tenants must not see each other's sign-in.
    /// </summary>
    internal static class RunspaceConnections
    {
        private static readonly ConditionalWeakTable<Runspace, Slot> Slots = new ConditionalWeakTable<Runspace, Slot>();

        /// <summary>
        /// The default connection of the runspace the calling pipeline runs in; none once it is
        /// disconnected, even by Disconnect-MSCommerce -Connection in another runspace that was handed it.
        /// </summary>
        public static MSCommerceConnection? Current
        {
            get => Slots.TryGetValue(Runspace.DefaultRunspace, out var slot) && slot.Connection is MSCommerceConnection connection && !connection.IsDisconnected ? connection : null;
            set => Replace(Runspace.DefaultRunspace, value);
        }

        private static void Replace(Runspace runspace, MSCommerceConnection? connection)
        {
            var slot = Slots.GetValue(runspace, _ => new Slot());
            var previous = slot.Connection;
            slot.Connection = connection;
            if (previous != null && !ReferenceEquals(previous, connection) && !previous.HandedOut)
            {
                previous.Dispose();
            }
        }

        private sealed class Slot
        {
            public MSCommerceConnection? Connection { get; set; }
        }
    }
}
