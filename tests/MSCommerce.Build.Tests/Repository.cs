namespace MSCommerce.Build.Tests;

/// <summary>The repository's files, found from the test assembly's folder.</summary>
internal static class Repository
{
    public static readonly string Root = FindRoot();

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(folder.FullName, "MSCommerce.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("MSCommerce.sln was not found above " + AppContext.BaseDirectory);
    }
}
