using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace MSCommerce.Build.Tests;

/// <summary>
/// build/MSCommerce.PrecompiledPowerShell lays out the PowerShell .NET tool the tests run: every file of the package, and
/// the engine assemblies precompiled from the package's own IL. A pwsh missing a file, or an engine compiled from
/// another build of PowerShell, would make the Pester suite test something no admin runs.
/// </summary>
public sealed class PrecompiledPowerShellTests
{
    private static readonly string[] Engine =
    [
        "System.Management.Automation", "Microsoft.PowerShell.ConsoleHost", "Microsoft.PowerShell.Commands.Utility",
        "Microsoft.PowerShell.Commands.Management", "Microsoft.PowerShell.Security", "pwsh",
    ];

    private static readonly string Configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    private static string LaidOut => Repository.File("build", "MSCommerce.PrecompiledPowerShell", "bin", Configuration, "net10.0", "pwsh");

    private static string PowerShellVersion =>
        System.Xml.Linq.XDocument.Load(Repository.File("Directory.Build.props")).Descendants("PowerShellVersion").Single().Value;

    private static string Package
    {
        get
        {
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            return Path.Combine(packages, "powershell", PowerShellVersion, "tools", "net10.0", "any", OperatingSystem.IsWindows() ? "win" : "unix");
        }
    }

    [Fact]
    public void The_tool_manifest_names_the_version_the_build_downloads()
    {
        // 'dotnet tool run pwsh' (the shell's interactive session) finds the package the build downloaded only at this version.
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Repository.File(".config", "dotnet-tools.json")));

        Assert.Equal(PowerShellVersion, manifest.RootElement.GetProperty("tools").GetProperty("powershell").GetProperty("version").GetString());
    }

    [Fact]
    public void Every_file_of_the_tool_package_is_laid_out()
    {
        var missing = Directory.EnumerateFiles(Package, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(Package, file))
            .Where(file => !File.Exists(Path.Combine(LaidOut, file)))
            .ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(EngineAssemblies))]
    public void The_engine_is_precompiled_from_the_packages_own_IL(string assembly)
    {
        var (precompiled, precompiledModule) = Read(Path.Combine(LaidOut, assembly + ".dll"));
        var (_, packageModule) = Read(Path.Combine(Package, assembly + ".dll"));

        Assert.True(precompiled, $"{assembly}.dll in {LaidOut} has no ReadyToRun code.");
        Assert.Equal(packageModule, precompiledModule);
    }

    [Fact]
    public void Other_assemblies_are_the_packages_unchanged()
    {
        var other = Path.Combine(LaidOut, "Newtonsoft.Json.dll");

        Assert.Equal(File.ReadAllBytes(Path.Combine(Package, "Newtonsoft.Json.dll")), File.ReadAllBytes(other));
    }

    public static TheoryData<string> EngineAssemblies() => new(Engine);

    /// <summary>Whether the assembly carries ReadyToRun code, and its module version id (the same for one build's IL, precompiled or not).</summary>
    private static (bool ReadyToRun, Guid Mvid) Read(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var metadata = pe.GetMetadataReader();
        return (pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, metadata.GetGuid(metadata.GetModuleDefinition().Mvid));
    }
}
