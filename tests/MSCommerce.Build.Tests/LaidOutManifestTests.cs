using System.Xml.Linq;
using MSCommerce.ManifestBuilder;

namespace MSCommerce.Build.Tests;

/// <summary>The manifest the build laid out in out/ is the repository's manifest stamped from its own files.</summary>
public sealed class LaidOutManifestTests
{
    [Fact]
    public void The_laid_out_manifest_is_the_source_stamped_with_the_version_url_and_changelog()
    {
        var properties = XDocument.Load(Repository.File("Directory.Build.props")).Descendants("PropertyGroup").Elements().ToList();
        var version = properties.First(element => element.Name == "Version").Value;
        var url = properties.First(element => element.Name == "RepositoryUrl").Value;
        var notes = Changelog.ReleaseNotes(File.ReadAllText(Repository.File("CHANGELOG.md")), version);

        var expected = ModuleManifest.Parse(File.ReadAllText(Repository.File("SelfServicePurchase.psd1")), "SelfServicePurchase.psd1")
            .Stamp(new ManifestStamp(ModuleVersion.Parse(version), url, notes));

        Assert.Equal(expected, File.ReadAllText(Repository.File("out", "SelfServicePurchase", "SelfServicePurchase.psd1")));
    }
}
