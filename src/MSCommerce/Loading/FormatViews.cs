using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace MSCommerce.Loading
{
    /// <summary>
    /// The module's table and list views (MSCommerce.Format.ps1xml), added to a runspace the first time one of
    /// its cmdlets runs there instead of at Import-Module. Adding a format file makes PowerShell read it and
    /// rebuild the runspace's whole format table: about half of what importing the module cost. A session that
    /// imports the module and runs none of its cmdlets no longer pays for it; the others pay it once, with their
    /// first cmdlet. Only the cmdlets make the objects the views are for, so the views are in place before
    /// anything they would show.
    /// </summary>
    internal static class FormatViews
    {
        internal const string FileName = "MSCommerce.Format.ps1xml";

        private static readonly ConditionalWeakTable<Runspace, object> Added = new ConditionalWeakTable<Runspace, object>();

        /// <summary>Adds the views to the runspace the calling cmdlet runs in, once; call it on the pipeline thread.</summary>
        public static void EnsureAdded()
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace == null)
            {
                return;
            }

            var first = false;
            Added.GetValue(runspace, _ =>
            {
                first = true;
                return FileName;
            });
            if (!first)
            {
                return;
            }

            var path = Path.Combine(Path.GetDirectoryName(typeof(FormatViews).Assembly.Location)!, FileName);
            try
            {
                using var powershell = PowerShell.Create(RunspaceMode.CurrentRunspace);
                powershell.AddCommand("Microsoft.PowerShell.Utility\\Update-FormatData").AddParameter("AppendPath", path).Invoke();
            }
            catch (RuntimeException)
            {
                // A runspace without Update-FormatData (a bare InitialSessionState) shows the objects with the default views.
            }
        }
    }
}
