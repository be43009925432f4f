namespace MSCommerce.ManifestBuilder;

/// <summary>What the build writes into the manifest it ships: the version, where the project lives, and the release notes.</summary>
public sealed record ManifestStamp(ModuleVersion Version, string RepositoryUrl, string ReleaseNotes);
