using System.Diagnostics;
using MSCommerce.ManifestBuilder;

namespace MSCommerce.Build.Tests;

/// <summary>The tool as the build runs it: a process whose failures MSBuild shows as errors of the file at fault.</summary>
public sealed class ManifestBuilderCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mscommerce-manifest-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int ExitCode, string Errors) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(Changelog).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "The tool did not finish within 60 s.");
        return (process.ExitCode, errors.Result);
    }

    [Fact]
    public void A_changelog_without_the_versions_section_fails_with_an_error_in_MSBuilds_format()
    {
        var changelog = Path.Combine(_folder, "CHANGELOG.md");
        File.WriteAllText(changelog, "# Changelog\n\n## [0.0.1]\n\n- Old.\n");
        var output = Path.Combine(_folder, "out", "Sample.psd1");

        var (exitCode, errors) = Run("manifest", "--manifest", Repository.File("SelfServicePurchase.psd1"), "--changelog", changelog,
            "--version", "0.2.0", "--repository-url", "https://example.test/repo", "--output", output);

        Assert.Equal(1, exitCode);
        Assert.Equal($"{changelog}: error MSCOMMERCE: {changelog} has neither a '## [0.2.0]' nor a '## [Unreleased]' section: add the release notes of 0.2.0 there.", errors.Trim());
        Assert.False(File.Exists(output), "Nothing is written when the notes are missing.");
    }

    [Fact]
    public void The_package_metadata_and_manifest_are_written_for_the_version_packed()
    {
        var changelog = Path.Combine(_folder, "CHANGELOG.md");
        File.WriteAllText(changelog, "# Changelog\n\n## [Unreleased]\n\n- It's new.\n");
        var output = Path.Combine(_folder, "package", "SelfServicePurchase.psd1");

        var (exitCode, errors) = Run("manifest", "--manifest", Repository.File("SelfServicePurchase.psd1"), "--changelog", changelog,
            "--version", "2.0.0-rc1", "--repository-url", "https://example.test/repo", "--output", output, "--package-metadata", Path.Combine(_folder, "metadata"));

        Assert.Equal((0, ""), (exitCode, errors));
        var manifest = ModuleManifest.Parse(File.ReadAllText(output), output).Data();
        Assert.Equal("2.0.0", manifest["ModuleVersion"]);
        Assert.Equal("- It's new.", ((System.Collections.Hashtable)((System.Collections.Hashtable)manifest["PrivateData"]!)["PSData"]!)["ReleaseNotes"]);
        Assert.StartsWith("PSModule MSCommerce SelfServicePurchase ", File.ReadAllText(Path.Combine(_folder, "metadata", "Tags.txt")));
        Assert.Contains(" PSCmdlet_Connect-MSCommerce PSCommand_Connect-MSCommerce ", File.ReadAllText(Path.Combine(_folder, "metadata", "Tags.txt")));
        Assert.Equal((string)manifest["Author"]!, File.ReadAllText(Path.Combine(_folder, "metadata", "Authors.txt")));
    }

    [Fact]
    public void The_release_notes_command_writes_the_versions_section()
    {
        var changelog = Path.Combine(_folder, "CHANGELOG.md");
        File.WriteAllText(changelog, "# Changelog\n\n## [Unreleased]\n\n- Next.\n\n## [1.0.0]\n\n- First.\n");
        var output = Path.Combine(_folder, "notes.md");

        Assert.Equal((0, ""), Run("release-notes", "--changelog", changelog, "--version", "1.0.0", "--output", output));
        Assert.Equal("- First.", File.ReadAllText(output));
    }

    [Fact]
    public void An_unchanged_output_is_not_written_again()
    {
        var output = Path.Combine(_folder, "notes.md");
        Assert.True(OutputFile.Write(output, "- Same."));
        var written = File.GetLastWriteTimeUtc(output);
        File.SetLastWriteTimeUtc(output, written.AddMinutes(-5));

        Assert.False(OutputFile.Write(output, "- Same."));
        Assert.Equal(written.AddMinutes(-5), File.GetLastWriteTimeUtc(output));
        Assert.True(OutputFile.Write(output, "- Changed."));
    }
}
