using System.Management.Automation;
using MSCommerce.Connections;

namespace MSCommerce.Loading
{
    /// <summary>
    /// Import-Module makes the client and its dependencies loadable from the module's own folder before
    /// any cmdlet runs; Remove-Module forgets the runspace's default connection, so that the module
    /// imported again begins signed out, as in a new session.
    /// </summary>
    public sealed class ModuleLifetime : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport() => Dependencies.MakeLoadable();

        public void OnRemove(PSModuleInfo psModuleInfo) => RunspaceConnections.Current = null;
    }
}
