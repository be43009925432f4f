using System.Collections;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Security;
using MSCommerce.EngineHost;

namespace MSCommerce.Testing;

/// <summary>
/// A runspace of the real PowerShell 7.6 engine with the built module (out/SelfServicePurchase) imported,
/// and a host that records what a user would see on the console.
/// </summary>
public sealed class ModuleRunspace : IDisposable
{
    private readonly StringWriter _console = new();
    private readonly StringWriter _errors = new();
    private readonly Runspace _runspace;

    /// <param name="keyboard">What the user types at prompts (-Confirm, Read-Host style); nothing by default.</param>
    /// <param name="showProgress">Draws Write-Progress on the error text, as the shell does on a terminal.</param>
    public ModuleRunspace(TextReader? keyboard = null, bool showProgress = false)
    {
        ManifestPath = ModuleLocator.FindManifest();
        _runspace = Open(new ShellHost(new ShellHostUserInterface(_console, _errors, keyboard ?? TextReader.Null, colour: false, showProgress: showProgress)));
    }

    /// <summary>An open runspace with the built module imported, in the given host or none (the engine's default).</summary>
    public static Runspace Open(PSHost? host = null)
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(ModuleLocator.FindManifest());
        var runspace = host is null ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
        return runspace;
    }

    public string ManifestPath { get; }

    /// <summary>What the host has shown so far (tables, messages, verbose and warning lines).</summary>
    public string ConsoleText => _console.ToString();

    public string ErrorText => _errors.ToString();

    public Collection<PSObject> Invoke(string script, IDictionary? parameters = null) => Run(script, parameters).Output;

    /// <summary>A PowerShell in this runspace, for APIs that want one (tab completion).</summary>
    public PowerShell NewPowerShell() => Script(_runspace, null);

    /// <summary>A PowerShell in the runspace with the script and its parameters added, ready to invoke; null script: nothing added.</summary>
    public static PowerShell Script(Runspace runspace, string? script, IDictionary? parameters = null)
    {
        var powershell = PowerShell.Create();
        powershell.Runspace = runspace;
        if (script is not null)
        {
            powershell.AddScript(script);
        }

        if (parameters is not null)
        {
            powershell.AddParameters(parameters);
        }

        return powershell;
    }

    public InvocationResult Run(string script, IDictionary? parameters = null)
    {
        using var powershell = Script(_runspace, script, parameters);
        var output = powershell.Invoke();
        return new InvocationResult(output, powershell.Streams.Error.ToList(), powershell.Streams.Verbose.Select(record => record.Message).ToList(),
            powershell.Streams.Warning.Select(record => record.Message).ToList(), powershell.Streams.Debug.Select(record => record.Message).ToList(),
            powershell.Streams.Progress.ToList(), powershell.Streams.Information.Select(record => record.MessageData?.ToString() ?? "").ToList());
    }

    /// <summary>A new runspace connected as the demo Global Administrator.</summary>
    public static ModuleRunspace ConnectedAsAdmin(LocalService service)
    {
        var shell = new ModuleRunspace();
        shell.ConnectAsAdmin(service);
        return shell;
    }

    /// <summary>Connects as the demo Global Administrator with a token the service issued (Connect-MSCommerce -AccessToken).</summary>
    public void ConnectAsAdmin(LocalService service) => ConnectWithToken(service, service.Admin.Token(MSCommerce.Stub.DemoData.AdminUpn));

    public void ConnectWithToken(LocalService service, string token)
    {
        var result = Run("param($Endpoint, $AccessToken, $Certificate) Connect-MSCommerce -Endpoint $Endpoint -AccessToken $AccessToken -TrustedCertificate $Certificate",
            new Hashtable { ["Endpoint"] = service.BaseAddress, ["AccessToken"] = Secure(token), ["Certificate"] = service.Certificate });
        if (result.Errors.Count > 0)
        {
            throw new InvalidOperationException("Connect-MSCommerce failed: " + result.Errors[0]);
        }
    }

    public static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var character in text)
        {
            secure.AppendChar(character);
        }

        secure.MakeReadOnly();
        return secure;
    }

    public void Dispose()
    {
        _runspace.Dispose();
        _console.Dispose();
        _errors.Dispose();
    }
}

public sealed record InvocationResult(Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors, IReadOnlyList<string> Verbose, IReadOnlyList<string> Warnings, IReadOnlyList<string> Debug,
    IReadOnlyList<ProgressRecord> Progress, IReadOnlyList<string> Information)
{
    /// <summary>Everything a user could see in any stream, to check that no secret ever appears.</summary>
    public string AllText => string.Join("\n", Output.Select(item => item?.ToString()).Concat(Errors.Select(error => error.ToString())).Concat(Verbose).Concat(Warnings).Concat(Debug));
}
