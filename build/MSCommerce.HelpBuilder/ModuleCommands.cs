using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace MSCommerce.HelpBuilder;

/// <summary>The cmdlets a built module exports, as the PowerShell engine itself sees them after Import-Module.</summary>
public static class ModuleCommands
{
    public static IReadOnlyList<CmdletInfo> Exported(string manifestPath)
    {
        var state = InitialSessionState.CreateDefault2();
        using var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        using var powershell = PowerShell.Create();
        powershell.Runspace = runspace;
        powershell.AddCommand("Import-Module").AddParameter("Name", manifestPath).AddParameter("PassThru");
        var module = (PSModuleInfo)powershell.Invoke()[0].BaseObject;
        return module.ExportedCmdlets.Values.OrderBy(cmdlet => cmdlet.Name, StringComparer.Ordinal).ToList();
    }
}
