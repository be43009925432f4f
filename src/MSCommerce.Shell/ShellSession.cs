using System.Management.Automation;
using System.Management.Automation.Runspaces;
using MSCommerce.EngineHost;

namespace MSCommerce.Shell;

/// <summary>A runspace with the MSCommerce module imported, running scripts through the shell's host.</summary>
public sealed class ShellSession : IDisposable
{
    private readonly ShellHost _host;
    private readonly Runspace _runspace;
    private PowerShell? _running;

    private ShellSession(ShellHost host, Runspace runspace)
    {
        _host = host;
        _runspace = runspace;
    }

    /// <summary>True once a script called 'exit'.</summary>
    public bool ExitRequested => _host.ExitCode is not null;

    public static ShellSession Open(ShellHost host, string moduleManifestPath)
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(moduleManifestPath);
        var runspace = RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
        return new ShellSession(host, runspace);
    }

    /// <summary>
    /// Signs in to the in-process local commerce service as its demo Global Administrator, through
    /// MSAL's device-code flow as a person would; the shell approves the code itself, through the service's test control.
    /// </summary>
    public void ConnectToLocalService(MSCommerce.Stub.CommerceService service)
    {
        using var powershell = PowerShell.Create();
        powershell.Runspace = _runspace;
        powershell.AddCommand("Connect-MSCommerce")
            .AddParameter("Endpoint", service.BaseAddress)
            .AddParameter("TrustedCertificate", service.Certificate)
            .AddParameter("TenantId", MSCommerce.Stub.DemoData.ContosoDomain)
            .AddParameter("UseDeviceCode")
            .AddParameter("ContextScope", "Process")
            .AddParameter("PassThru")
            .AddParameter("WarningAction", ActionPreference.SilentlyContinue);
        using var approval = new DeviceSignInApproval(service.BaseAddress, service.Certificate, MSCommerce.Stub.DemoData.ContosoDomain, MSCommerce.Stub.DemoData.AdminUpn);
        var running = powershell.BeginInvoke();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!running.IsCompleted && DateTime.UtcNow < deadline)
        {
            approval.ApproveWaiting();
            running.AsyncWaitHandle.WaitOne(TimeSpan.FromMilliseconds(100));
        }

        if (!running.IsCompleted)
        {
            powershell.Stop();
            throw new TimeoutException($"Signing in to the local commerce service at {service.BaseAddress} did not end within a minute.");
        }

        powershell.EndInvoke(running);
        if (powershell.HadErrors)
        {
            throw new InvalidOperationException($"Could not connect to the local commerce service at {service.BaseAddress}: {powershell.Streams.Error.FirstOrDefault()}");
        }
    }

    /// <summary>Runs the script, rendering its output as PowerShell would; the exit code is 0 only if nothing failed.</summary>
    public int Run(string script) => Invoke(powershell => powershell.AddScript(script));

    /// <summary>Runs a script file (which the caller has found to exist) with arguments, as pwsh -File does.</summary>
    public int RunFile(string path, IReadOnlyList<string> arguments)
    {
        return Invoke(powershell =>
        {
            powershell.AddCommand(path);
            foreach (var argument in arguments)
            {
                powershell.AddArgument(argument);
            }
        });
    }

    /// <summary>Stops the running command, as Ctrl+C does in pwsh.</summary>
    public void StopRunningCommand() => _running?.BeginStop(null, null);

    private int Invoke(Action<PowerShell> addCommands)
    {
        var errorsBefore = ErrorCount();
        using var powershell = PowerShell.Create();
        powershell.Runspace = _runspace;
        addCommands(powershell);
        powershell.AddCommand("Out-Default");
        powershell.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
        _running = powershell;
        try
        {
            powershell.Invoke();
        }
        catch (RuntimeException error)
        {
            if (_host.ExitCode is int requested)
            {
                return requested;
            }

            _host.UI.WriteErrorLine(error.ErrorRecord.ToString());
            return 1;
        }
        finally
        {
            _running = null;
        }

        if (_host.ExitCode is int exitCode)
        {
            return exitCode;
        }

        var failed = powershell.HadErrors || ErrorCount() > errorsBefore || powershell.InvocationStateInfo.State == PSInvocationState.Stopped;
        return failed ? 1 : 0;
    }

    /// <summary>$Error grows with every error a command writes, also those merged into the rendered output.</summary>
    private int ErrorCount()
    {
        using var powershell = PowerShell.Create();
        powershell.Runspace = _runspace;
        return (int)powershell.AddScript("$global:Error.Count").Invoke()[0].BaseObject;
    }

    public void Dispose() => _runspace.Dispose();
}
