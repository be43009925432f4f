using System.Diagnostics;
using MSCommerce.Stub;

namespace MSCommerce.Shell.RealPwsh;

/// <summary>
/// The interactive session in real pwsh (the repository's pinned .NET tool, with PSReadLine), on the shell's
/// console, signed in to the local commerce service that this process keeps running.
/// </summary>
public sealed class PwshPrompt(string toolRoot, string moduleManifestPath, CommerceService? service)
{
    private static readonly TimeSpan SignInTimeout = TimeSpan.FromSeconds(60);

    /// <summary>pwsh's exit code; null when pwsh did not get as far as signing in (not restored, failed to start), so the caller can fall back.</summary>
    public int? Run()
    {
        using var child = Process.Start(StartInfo());
        if (child is null)
        {
            return null;
        }

        var exitedBeforeSignIn = service is not null && !ApproveTheChildsSignIn(child) && child.HasExited;
        child.WaitForExit();
        return exitedBeforeSignIn && child.ExitCode != 0 ? null : child.ExitCode;
    }

    private ProcessStartInfo StartInfo()
    {
        var address = service is null ? null : new LocalServiceAddress(service.BaseAddress, service.CertificatePath, DemoData.ContosoDomain, Banner.Connected(service));
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = toolRoot };
        foreach (var argument in new[] { "tool", "run", PwshTool.CommandName, "-NoLogo", "-NoExit", "-WorkingDirectory", Environment.CurrentDirectory,
                     "-Command", ChildSessionScript.Build(moduleManifestPath, address) })
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>Approves exactly one device-code sign-in, the child's, so that a later Connect-MSCommerce the user types is not approved behind their back.</summary>
    private bool ApproveTheChildsSignIn(Process child)
    {
        using var approval = new DeviceSignInApproval(service!.BaseAddress, service.Certificate, DemoData.ContosoDomain, DemoData.AdminUpn);
        var deadline = DateTime.UtcNow + SignInTimeout;
        while (DateTime.UtcNow < deadline && !child.HasExited)
        {
            if (approval.ApproveWaiting() > 0)
            {
                return true;
            }

            child.WaitForExit(TimeSpan.FromMilliseconds(100));
        }

        return false;
    }
}
