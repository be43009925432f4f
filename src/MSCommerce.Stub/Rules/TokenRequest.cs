namespace MSCommerce.Stub.Rules;

/// <summary>What a client posts to a tenant's token endpoint (the form's parameters), and where it posted it.</summary>
public sealed record TokenRequest(
    string Tenant,
    string TokenEndpoint,
    string GrantType,
    string ClientId,
    string Scope,
    string? ClientSecret = null,
    string? ClientAssertionType = null,
    string? ClientAssertion = null,
    string? DeviceCode = null,
    string? RefreshToken = null)
{
    public static TokenRequest FromForm(string tenant, string tokenEndpoint, IFormCollection form) => new(
        tenant,
        tokenEndpoint,
        form["grant_type"].ToString(),
        form["client_id"].ToString(),
        form["scope"].ToString(),
        Optional(form, "client_secret"),
        Optional(form, "client_assertion_type"),
        Optional(form, "client_assertion"),
        Optional(form, "device_code"),
        Optional(form, "refresh_token"));

    private static string? Optional(IFormCollection form, string name) => form.TryGetValue(name, out var value) ? value.ToString() : null;
}
