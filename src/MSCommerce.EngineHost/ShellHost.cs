using System.Globalization;
using System.Management.Automation.Host;

namespace MSCommerce.EngineHost;

/// <summary>The PowerShell host of the shell: identifies the host and hands out its user interface.</summary>
public sealed class ShellHost(ShellHostUserInterface ui) : PSHost
{
    private readonly Guid _instanceId = Guid.NewGuid();

    public int? ExitCode { get; private set; }

    public override string Name => "MSCommerce.Shell";
    public override Version Version => typeof(ShellHost).Assembly.GetName().Version ?? new Version(0, 0);
    public override Guid InstanceId => _instanceId;
    public override PSHostUserInterface UI => ui;
    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;
    public override void EnterNestedPrompt() => throw new NotSupportedException("Nested prompts are not supported by this shell.");
    public override void ExitNestedPrompt() => throw new NotSupportedException("Nested prompts are not supported by this shell.");
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
}
