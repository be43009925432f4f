namespace MSCommerce.Shell.RealPwsh;

/// <summary>The script the interactive child pwsh runs first: import the built module, sign in to the shell's local service, set the prompt.</summary>
public static class ChildSessionScript
{
    public static string Build(string moduleManifestPath, LocalServiceAddress? service)
    {
        var lines = new List<string> { $"Import-Module {Quote(moduleManifestPath)}" };
        if (service is not null)
        {
            // The shell approves this device-code sign-in itself; the warning would only tell the user to open a browser.
            lines.Add($"Connect-MSCommerce -Endpoint {Quote(service.BaseAddress.ToString())} " +
                $"-TrustedCertificate ([System.Security.Cryptography.X509Certificates.X509CertificateLoader]::LoadCertificateFromFile({Quote(service.CertificatePath)})) " +
                $"-TenantId {Quote(service.Tenant)} -UseDeviceCode -ContextScope Process -WarningAction SilentlyContinue");
            lines.Add($"if ($?) {{ Write-Host {Quote(service.Banner)} }}");
        }

        lines.Add("function global:prompt { \"MSCommerce PS $($executionContext.SessionState.Path.CurrentLocation)$('>' * ($nestedPromptLevel + 1)) \" }");
        return string.Join(Environment.NewLine, lines);
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}

/// <summary>Where the child pwsh signs in: the shell's in-process local commerce service.</summary>
public sealed record LocalServiceAddress(Uri BaseAddress, string CertificatePath, string Tenant, string Banner);
