namespace MSCommerce.Shell;

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
}
