namespace MSCommerce.Benchmarks;

/// <summary>Paths in the repository the benchmark was built from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Manifest => Path.Combine(Root, "out", "SelfServicePurchase", "SelfServicePurchase.psd1");

    public static string Script(string name) => Path.Combine(Root, "tests", "MSCommerce.Benchmarks", "Pwsh", name);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MSCommerce.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The benchmark runs from the repository's build output.");
    }
}
