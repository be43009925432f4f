using MSCommerce.Stub;

namespace MSCommerce.Benchmarks;

/// <summary>The demo read-write app the pwsh scripts sign in as, named to them from DemoData.</summary>
public static class DemoApp
{
    public static IReadOnlyList<string> Arguments { get; } =
        ["-TenantId", DemoData.ContosoDomain, "-ClientId", DemoData.AutomationClientId, "-ClientSecret", DemoData.AutomationClientSecret];
}
