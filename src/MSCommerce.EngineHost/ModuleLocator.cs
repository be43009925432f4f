namespace MSCommerce.EngineHost;

/// <summary>Finds the built module (out/SelfServicePurchase/SelfServicePurchase.psd1) above the shell's own folder.</summary>
public static class ModuleLocator
{
    public const string RelativeManifestPath = "out/SelfServicePurchase/SelfServicePurchase.psd1";

    public static string FindManifest(string? startDirectory = null)
    {
        var directory = new DirectoryInfo(startDirectory ?? AppContext.BaseDirectory);
        for (; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, RelativeManifestPath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"The built module ({RelativeManifestPath}) was not found above {startDirectory ?? AppContext.BaseDirectory}. Run 'dotnet build MSCommerce.sln -c Release' first.");
    }

    /// <summary>
    /// Puts the folder that holds the built module (out/) first on this process's PSModulePath, which its runspaces and
    /// the interactive pwsh read, so that a script's 'Import-Module SelfServicePurchase' or '#Requires -Modules
    /// SelfServicePurchase' finds the module the shell imported.
    /// </summary>
    public static void PutOnModulePath(string manifestPath)
    {
        var modulesFolder = Path.GetDirectoryName(Path.GetDirectoryName(manifestPath))!;
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var others = (Environment.GetEnvironmentVariable("PSModulePath") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(folder => !string.Equals(Path.TrimEndingDirectorySeparator(folder), modulesFolder, comparison));
        Environment.SetEnvironmentVariable("PSModulePath", string.Join(Path.PathSeparator, others.Prepend(modulesFolder)));
    }
}
