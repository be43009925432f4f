using MSCommerce.ManifestBuilder;

namespace MSCommerce.Build.Tests;

public sealed class ModuleVersionTests
{
    [Theory]
    [InlineData("0.1.0", "0.1.0", "")]
    [InlineData("1.2.0-beta1", "1.2.0", "beta1")]
    [InlineData("10.20.30-rc2", "10.20.30", "rc2")]
    public void A_version_splits_into_module_version_and_prerelease(string version, string number, string prerelease)
    {
        Assert.Equal(new ModuleVersion(number, prerelease), ModuleVersion.Parse(version));
    }

    [Theory]
    [InlineData("1.2.0-beta.1")]
    [InlineData("1.2.0-")]
    [InlineData("1.2")]
    [InlineData("1.2.0.0")]
    [InlineData("1.2.x")]
    [InlineData("1.2.0+build5")]
    public void A_version_PowerShellGet_cannot_take_is_an_error(string version)
    {
        var error = Assert.Throws<BuildInputException>(() => ModuleVersion.Parse(version));

        Assert.Equal($"Version '{version}' cannot be a module version: use major.minor.patch with an optional prerelease of letters and digits (1.2.0 or 1.2.0-beta1).", error.Message);
    }
}
