using System.Management.Automation;

namespace MSCommerce.Connections
{
    /// <summary>
    /// Remove-Module forgets the runspace's default connection: a module imported again, or a script
    /// that starts over, begins signed out, as in a new session.
    /// </summary>
    public sealed class ModuleCleanup : IModuleAssemblyCleanup
    {
        public void OnRemove(PSModuleInfo psModuleInfo) => RunspaceConnections.Current = null;
    }
}
