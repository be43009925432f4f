namespace MSCommerce.Stub.Identity.SignIn;

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
    string? RefreshToken = null,
    string? Code = null,
    string? RedirectUri = null,
    string? CodeVerifier = null);
