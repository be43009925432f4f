using System.Management.Automation;
using System.Management.Automation.Runspaces;
using MSCommerce.Shell.Hosting;

namespace MSCommerce.Shell;

/// <summary>A runspace with the MSCommerce module imported, running scripts through the shell's host.</summary>
public sealed class ShellSession : IDisposable
{
    private readonly ShellHost _host;
    private readonly Runspace _runspace;

    private ShellSession(ShellHost host, Runspace runspace)
    {
        _host = host;
        _runspace = runspace;
    }

    public static ShellSession Open(ShellHost host, string moduleManifestPath)
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(moduleManifestPath);
        var runspace = RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
        return new ShellSession(host, runspace);
    }

    public void ConnectToLocalService(Uri endpoint)
    {
        using var powershell = PowerShell.Create();
        powershell.Runspace = _runspace;
        var token = new System.Security.SecureString();
        foreach (var character in "local-demo")
        {
            token.AppendChar(character);
        }

        powershell.AddCommand("Connect-MSCommerce").AddParameter("Endpoint", endpoint).AddParameter("AccessToken", token).AddParameter("PassThru");
        powershell.Invoke();
        if (powershell.HadErrors)
        {
            throw new InvalidOperationException($"Could not connect to the local commerce service at {endpoint}: {powershell.Streams.Error.FirstOrDefault()}");
        }
    }

    /// <summary>Runs the script, rendering its output as PowerShell would; the exit code is 0 only if nothing failed.</summary>
    public int Run(string script)
    {
        using var powershell = PowerShell.Create();
        powershell.Runspace = _runspace;
        powershell.AddScript(script).AddCommand("Out-Default");
        powershell.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
        try
        {
            powershell.Invoke();
        }
        catch (RuntimeException error)
        {
            _host.UI.WriteErrorLine(error.ErrorRecord.ToString());
            return 1;
        }

        if (_host.ExitCode is int exitCode)
        {
            return exitCode;
        }

        return powershell.HadErrors ? 1 : 0;
    }

    public void Dispose() => _runspace.Dispose();
}
