using System.Runtime.InteropServices;
using System.Xml.Linq;
using MSCommerce.Loading;

namespace MSCommerce.Build.Tests;

/// <summary>
/// The module's rule (src/MSCommerce/Loading/ReadyToRunFolder.cs) names the precompiled folder a machine loads; the build
/// (ModuleReadyToRunRuntime in build/Module.targets) must lay out each folder under that name for the machine it compiles for.
/// </summary>
public sealed class ReadyToRunFolderTests
{
    public static TheoryData<string, string, string> BuiltRuntimes()
    {
        var data = new TheoryData<string, string, string>();
        var targets = XDocument.Load(Repository.File("build", "Module.targets"));
        foreach (var runtime in targets.Descendants("ModuleReadyToRunRuntime"))
        {
            data.Add((string)runtime.Attribute("Include")!, (string)runtime.Attribute("TargetOS")!, (string)runtime.Attribute("TargetArch")!);
        }

        return data;
    }

    [Fact]
    public void The_build_compiles_for_at_least_one_runtime()
    {
        Assert.NotEmpty(BuiltRuntimes());
    }

    [Theory]
    [MemberData(nameof(BuiltRuntimes))]
    public void Each_folder_the_build_compiles_is_the_one_the_module_picks_on_that_machine(string folder, string targetOS, string targetArch)
    {
        // crossgen2's --targetos and --targetarch names are .NET's OSPlatform and Architecture names, lower-cased.
        var system = OSPlatform.Create(targetOS);
        var architecture = Enum.Parse<Architecture>(targetArch, ignoreCase: true);

        Assert.Equal(folder, ReadyToRunFolder.RuntimeIdentifier(candidate => candidate == system, architecture));
    }

    [Theory]
    [InlineData("LINUX", Architecture.Arm64, "linux-arm64")]
    [InlineData("OSX", Architecture.Arm64, "osx-arm64")]
    [InlineData("WINDOWS", Architecture.X64, "win-x64")]
    [InlineData("WINDOWS", Architecture.X86, "win-x86")]
    [InlineData("FREEBSD", Architecture.X64, null)]
    [InlineData("LINUX", Architecture.Wasm, null)]
    public void The_rule_names_folders_by_runtime_identifier(string system, Architecture architecture, string? expected)
    {
        Assert.Equal(expected, ReadyToRunFolder.RuntimeIdentifier(candidate => candidate == OSPlatform.Create(system), architecture));
    }
}
