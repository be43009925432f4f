using System.Collections;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using MSCommerce.Shell;
using MSCommerce.Shell.Hosting;

namespace MSCommerce.Module.Tests;

/// <summary>
/// A runspace of the real PowerShell 7.6 engine with the built module (out/MSCommerce) imported,
/// and a host that records what a user would see on the console.
/// </summary>
public sealed class ModuleRunspace : IDisposable
{
    private readonly StringWriter _console = new();
    private readonly StringWriter _errors = new();
    private readonly Runspace _runspace;

    public ModuleRunspace()
    {
        ManifestPath = ModuleLocator.FindManifest();
        var host = new ShellHost(new ShellHostUserInterface(_console, _errors, TextReader.Null));
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(ManifestPath);
        _runspace = RunspaceFactory.CreateRunspace(host, state);
        _runspace.Open();
    }

    public string ManifestPath { get; }

    /// <summary>What the host has shown so far (tables, messages, verbose and warning lines).</summary>
    public string ConsoleText => _console.ToString();

    public string ErrorText => _errors.ToString();

    public Collection<PSObject> Invoke(string script, IDictionary? parameters = null) => Run(script, parameters).Output;

    public InvocationResult Run(string script, IDictionary? parameters = null)
    {
        using var powershell = PowerShell.Create();
        powershell.Runspace = _runspace;
        powershell.AddScript(script);
        if (parameters is not null)
        {
            powershell.AddParameters(parameters);
        }

        var output = powershell.Invoke();
        return new InvocationResult(output, powershell.Streams.Error.ToList());
    }

    public void ConnectTo(Uri endpoint, string token = "local-test-token") =>
        Invoke("param($Endpoint, $AccessToken) Connect-MSCommerce -Endpoint $Endpoint -AccessToken $AccessToken",
            new Hashtable { ["Endpoint"] = endpoint, ["AccessToken"] = Secure(token) });

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

public sealed record InvocationResult(Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors);
