using MSCommerce.Stub.Data;

namespace MSCommerce.Stub.Identity.SignIn;

/// <summary>
/// The client-credentials grant: an application registered in the tenant proves itself with its
/// secret, with an assertion signed by its registered certificate, or with a token from an external issuer one
/// of its federated credentials trusts (<see cref="FederatedAssertion"/>), and gets an app token with its app roles;
/// a multi-tenant app signs in the same way at a tenant that consented to it, with the roles granted there.
/// </summary>
public sealed class ApplicationSignIn(DirectoryStore directory, AppConsents consents, TokenIssuer issuer, SecretLockout lockout, FederatedAssertion federated, TimeProvider clock)
{
    public const string JwtBearerAssertion = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public async Task<SignInOutcome> SignInAsync(TokenRequest request, string audience, CancellationToken cancellationToken)
    {
        var tenant = directory.FindTenant(request.Tenant);
        if (tenant is null)
        {
            return TenantAuthority.UnknownTenant(request.Tenant);
        }

        var application = directory.FindApplication(request.ClientId);
        var roles = application is null ? null : application.TenantId == tenant.TenantId ? application.Roles : consents.RolesOf(tenant.TenantId, application.ClientId);
        if (application is null || roles is null)
        {
            return SignInOutcome.Refused("unauthorized_client", "AADSTS700016", $"Application with identifier '{TokenText.Quote(request.ClientId)}' was not found in the directory '{tenant.Domain}'.");
        }

        if (await CredentialRefusalAsync(request, application, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        return SignInOutcome.Granted(new IssuedTokens(issuer.ForApplicationIn(tenant.TenantId, application, roles, audience), request.Scope));
    }

    private async Task<OAuthRefusal?> CredentialRefusalAsync(TokenRequest request, Application application, CancellationToken cancellationToken)
    {
        if (request.ClientSecret is { } secret)
        {
            return SecretRefusal(secret, application);
        }

        if (request.ClientAssertionType == JwtBearerAssertion && request.ClientAssertion is { } assertion)
        {
            if (Jwt.Read(assertion).Token is { } token && FederatedAssertion.IsFederated(token, application.ClientId))
            {
                return await federated.RefusalAsync(token, application.ClientId, cancellationToken);
            }

            return application.Certificate is null
                ? InvalidClient("The application has no certificate registered.")
                : ClientAssertion.Refusal(assertion, application.ClientId, application.Certificate, request.TokenEndpoint, clock.GetUtcNow());
        }

        return InvalidClient("The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    }

    private OAuthRefusal? SecretRefusal(string secret, Application application)
    {
        if (lockout.LockedUntil(application.ClientId) is { } until)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling((until - clock.GetUtcNow()).TotalSeconds));
            return new("invalid_client", "AADSTS50053",
                $"The application's client-secret sign-ins are locked: too many attempts with a wrong client secret. Try again in {seconds} seconds.");
        }

        if (application.SecretHash is not null && DirectoryStore.HashSecret(secret) == application.SecretHash)
        {
            lockout.Succeeded(application.ClientId);
            return null;
        }

        lockout.Failed(application.ClientId);
        return InvalidClient("Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.");
    }

    private static OAuthRefusal InvalidClient(string description) =>
        new("invalid_client", "AADSTS7000215", description, StatusCodes.Status401Unauthorized);
}
