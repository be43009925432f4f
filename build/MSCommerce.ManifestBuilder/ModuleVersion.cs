namespace MSCommerce.ManifestBuilder;

/// <summary>A version as a module manifest takes it: ModuleVersion (major.minor.patch) and PSData.Prerelease (letters and digits).</summary>
public sealed record ModuleVersion(string Number, string Prerelease)
{
    public static ModuleVersion Parse(string version, string file = "Directory.Build.props")
    {
        var hyphen = version.IndexOf('-');
        var number = hyphen < 0 ? version : version[..hyphen];
        var prerelease = hyphen < 0 ? "" : version[(hyphen + 1)..];
        var parts = number.Split('.');
        // PowerShellGet and the Gallery take letters and digits only after the hyphen (1.2.0-beta1, not 1.2.0-beta.1).
        if (parts.Length != 3 || !parts.All(IsDigits) || (hyphen >= 0 && !prerelease.All(char.IsAsciiLetterOrDigit)) || (hyphen >= 0 && prerelease.Length == 0))
        {
            throw new BuildInputException(file, $"Version '{version}' cannot be a module version: use major.minor.patch with an optional prerelease of letters and digits (1.2.0 or 1.2.0-beta1).");
        }

        return new ModuleVersion(number, prerelease);
    }

    private static bool IsDigits(string part) => part.Length > 0 && part.All(char.IsAsciiDigit);
}
