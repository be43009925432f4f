using System.Collections;
using MSCommerce.ManifestBuilder;

namespace MSCommerce.Build.Tests;

public sealed class ModuleManifestTests
{
    private const string Source = """
        # A comment the build keeps.
        @{
            RootModule           = 'Sample.dll'
            ModuleVersion        = '0.0.0'
            Author               = 'Sample authors'
            Description          = 'Microsoft''s sample'
            Copyright            = 'Copyright (c) Sample'
            CmdletsToExport      = @(
                'Get-Sample'
                'Set-Sample'
            )
            PrivateData          = @{
                PSData = @{
                    Tags         = @('One', 'Two')
                    ProjectUri   = ''
                    LicenseUri   = ''
                    ReleaseNotes = ''
                }
            }
        }

        """;

    private static readonly ManifestStamp Release = new(new ModuleVersion("1.2.0", ""), "https://example.test/repo", "### Added\n\n- A thing.");

    private static Hashtable Stamped(ManifestStamp stamp, string source = Source) =>
        ModuleManifest.Parse(ModuleManifest.Parse(source, "Sample.psd1").Stamp(stamp), "Sample.psd1").Data();

    private static Hashtable PSData(Hashtable manifest) => (Hashtable)((Hashtable)manifest["PrivateData"]!)["PSData"]!;

    [Fact]
    public void The_manifest_gets_the_version_the_uris_and_the_release_notes()
    {
        var manifest = Stamped(Release);

        Assert.Equal("1.2.0", manifest["ModuleVersion"]);
        Assert.Equal("https://example.test/repo", PSData(manifest)["ProjectUri"]);
        Assert.Equal("https://example.test/repo/blob/main/LICENSE", PSData(manifest)["LicenseUri"]);
        Assert.Equal("### Added\n\n- A thing.", PSData(manifest)["ReleaseNotes"]);
        Assert.False(PSData(manifest).ContainsKey("Prerelease"));
    }

    [Fact]
    public void Only_the_stamped_values_change_comments_order_and_alignment_stay()
    {
        var text = ModuleManifest.Parse(Source, "Sample.psd1").Stamp(Release);

        Assert.Equal(
            Source.Replace("'0.0.0'", "'1.2.0'")
                .Replace("ProjectUri   = ''", "ProjectUri   = 'https://example.test/repo'")
                .Replace("LicenseUri   = ''", "LicenseUri   = 'https://example.test/repo/blob/main/LICENSE'")
                .Replace("ReleaseNotes = ''", "ReleaseNotes = '### Added\n\n- A thing.'"),
            text);
    }

    [Theory]
    [InlineData("It's Microsoft's module")]
    [InlineData("Typographic quotes: it\u2019s \u2018quoted\u2019 and \u201Alow\u201B")]
    [InlineData("Not expanded: $env:HOME `n $(Get-Date) @{ a = 1 } '' ")]
    [InlineData("'")]
    public void Release_notes_with_quotes_and_PowerShell_syntax_read_back_exactly(string notes)
    {
        var manifest = Stamped(Release with { ReleaseNotes = notes });

        Assert.Equal(notes, PSData(manifest)["ReleaseNotes"]);
    }

    [Fact]
    public void A_prerelease_goes_into_PSData_first_aligned_with_its_keys()
    {
        var text = ModuleManifest.Parse(Source, "Sample.psd1").Stamp(Release with { Version = new ModuleVersion("1.2.0", "beta1") });

        Assert.Contains("PSData = @{\n            Prerelease   = 'beta1'\n            Tags", text.ReplaceLineEndings("\n"));
        Assert.Equal("beta1", PSData(ModuleManifest.Parse(text, "Sample.psd1").Data())["Prerelease"]);
    }

    [Fact]
    public void A_prerelease_key_the_manifest_already_has_is_set_not_repeated()
    {
        var source = Source.Replace("Tags         =", "Prerelease   = 'old'\n            Tags         =");

        var manifest = Stamped(Release with { Version = new ModuleVersion("1.2.0", "rc1") }, source);

        Assert.Equal("rc1", PSData(manifest)["Prerelease"]);
    }

    [Fact]
    public void Windows_line_endings_stay_windows_line_endings()
    {
        var crlf = Source.ReplaceLineEndings("\r\n");

        var text = ModuleManifest.Parse(crlf, "Sample.psd1").Stamp(Release with { Version = new ModuleVersion("1.2.0", "beta1"), ReleaseNotes = "A thing." });

        Assert.DoesNotContain("\n", text.Replace("\r\n", ""));
    }

    [Theory]
    [InlineData("ReleaseNotes = ''", "ReleaseNotes")]
    [InlineData("ModuleVersion        = '0.0.0'", "ModuleVersion")]
    [InlineData("ProjectUri   = ''", "ProjectUri")]
    public void A_manifest_without_a_key_the_build_writes_is_an_error_naming_it(string line, string key)
    {
        var source = Source.Replace(line, "");

        var error = Assert.Throws<BuildInputException>(() => ModuleManifest.Parse(source, "Sample.psd1").Stamp(Release));

        Assert.Equal($"Sample.psd1 has no {key} to stamp: the build writes it, so the manifest must name it (with '' as its value).", error.Message);
    }

    [Fact]
    public void A_manifest_PowerShell_cannot_parse_is_an_error_with_its_line()
    {
        var error = Assert.Throws<BuildInputException>(() => ModuleManifest.Parse("@{\n    ModuleVersion = '0.0.0\n}", "Sample.psd1"));

        Assert.StartsWith("Sample.psd1 is not a valid manifest: ", error.Message);
        Assert.EndsWith("(line 2).", error.Message);
    }
}
