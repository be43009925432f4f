namespace MSCommerce.Module.Tests;

/// <summary>One local commerce service shared by the module tests; tests that change state use a tenant of their own.</summary>
[CollectionDefinition(Name)]
public sealed class LocalServiceCollection : ICollectionFixture<LocalService>
{
    public const string Name = "Local commerce service";
}
