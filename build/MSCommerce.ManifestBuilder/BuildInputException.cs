namespace MSCommerce.ManifestBuilder;

/// <summary>An input of the build (the changelog, the manifest, the version) that cannot make a release; File names it.</summary>
public sealed class BuildInputException(string file, string message) : Exception(message)
{
    public string File { get; } = file;
}
