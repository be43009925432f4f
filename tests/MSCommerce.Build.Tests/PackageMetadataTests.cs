using MSCommerce.ManifestBuilder;

namespace MSCommerce.Build.Tests;

public sealed class PackageMetadataTests
{
    [Fact]
    public void The_package_takes_the_manifests_authors_description_copyright_and_PowerShellGet_tags()
    {
        var manifest = ModuleManifest.Parse("""
            @{
                Author          = 'Sample authors'
                Description     = 'Microsoft''s sample'
                Copyright       = 'Copyright (c) Sample'
                CmdletsToExport = @('Get-Sample', 'Set-Sample')
                PrivateData     = @{ PSData = @{ Tags = @('One', 'Two') } }
            }
            """, "Sample.psd1").Data();

        Assert.Equal(
            new PackageMetadata(
                "Sample authors",
                "Microsoft's sample",
                "Copyright (c) Sample",
                "PSModule One Two PSIncludes_Cmdlet PSCmdlet_Get-Sample PSCommand_Get-Sample PSCmdlet_Set-Sample PSCommand_Set-Sample"),
            PackageMetadata.From(manifest));
    }
}
