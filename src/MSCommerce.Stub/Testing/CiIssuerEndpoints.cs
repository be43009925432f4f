using MSCommerce.Stub.Api;
using MSCommerce.Stub.Identity;

namespace MSCommerce.Stub.Testing;

/// <summary>
/// The local CI token issuer (test controls only): its OpenID discovery and keys at /_ci/oidc, the ID-token
/// request endpoints shaped like GitHub Actions' (ACTIONS_ID_TOKEN_REQUEST_URL) and Azure DevOps'
/// (SYSTEM_OIDCREQUESTURI), and POST /_admin/ci-tokens, which starts a job and returns what a runner puts in its variables.
/// </summary>
public static class CiIssuerEndpoints
{
    public const string DefaultAudience = "api://AzureADTokenExchange";
    public const string DefaultServiceConnectionId = "c1000000-0000-0000-0000-000000000001";

    public sealed record CiTokenRequest(string? Subject, int? LifetimeSeconds, int? IssuedSecondsAgo, string? ServiceConnectionId);

    public static void MapCiIssuer(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/_ci/oidc/.well-known/openid-configuration", (CiIssuer ci) => Results.Ok(new
        {
            issuer = ci.Issuer,
            jwks_uri = ci.Issuer + "/keys",
            subject_types_supported = new[] { "public" },
            response_types_supported = new[] { "id_token" },
            claims_supported = new[] { "sub", "aud", "exp", "iat", "iss", "jti", "nbf", "runner_environment" },
            id_token_signing_alg_values_supported = new[] { "RS256" },
            scopes_supported = new[] { "openid" },
        }));
        routes.MapGet("/_ci/oidc/keys", (CiIssuer ci) => Results.Ok(new
        {
            keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = ci.Key.KeyId, n = ci.Key.Modulus, e = ci.Key.Exponent } },
        }));
        routes.MapGet("/_ci/oidc/github/idtoken", (HttpContext context, string? audience, CiIssuer ci) =>
        {
            if (ci.Job(BearerToken(context)) is not { } job)
            {
                return Results.Json(new { message = "Bad credentials" }, statusCode: StatusCodes.Status401Unauthorized);
            }

            var token = ci.IdToken(job, string.IsNullOrEmpty(audience) ? GitHubDefaultAudience(job.Subject) : audience);
            return Results.Ok(new { count = job.Issued, value = token });
        });
        routes.MapPost("/_ci/oidc/azure-pipelines/oidctoken", (HttpContext context, string? serviceConnectionId, CiIssuer ci) =>
        {
            if (ci.Job(BearerToken(context)) is not { } job)
            {
                return Results.Json(new { message = "TF400813: The user is not authorized to access this resource." }, statusCode: StatusCodes.Status401Unauthorized);
            }

            return string.Equals(serviceConnectionId, job.ServiceConnectionId, StringComparison.OrdinalIgnoreCase)
                ? Results.Ok(new { oidcToken = ci.IdToken(job, DefaultAudience) })
                : Results.Json(new { message = $"The service connection '{serviceConnectionId}' is not the job's ({job.ServiceConnectionId}): pass serviceConnectionId." }, statusCode: StatusCodes.Status400BadRequest);
        });

        routes.MapPost("/_admin/ci-tokens", (HttpContext context, CiTokenRequest request, CiIssuer ci, IssuerNames names) =>
        {
            if (string.IsNullOrWhiteSpace(request.Subject) || request.Subject.Length > 600)
            {
                return ServiceErrors.BadRequest("subject is required (the job's subject, e.g. repo:contoso/tenant-policy:ref:refs/heads/main), at most 600 characters.");
            }

            if (request.LifetimeSeconds is < 1 or > 86400 || request.IssuedSecondsAgo is < 0 or > 86400)
            {
                return ServiceErrors.BadRequest("lifetimeSeconds takes 1 to 86400 (default 300); issuedSecondsAgo 0 to 86400 (default 0).");
            }

            var connection = request.ServiceConnectionId ?? DefaultServiceConnectionId;
            var job = new CiJob(request.Subject, TimeSpan.FromSeconds(request.LifetimeSeconds ?? 300), TimeSpan.FromSeconds(request.IssuedSecondsAgo ?? 0), connection);
            var requestToken = ci.StartJob(job);
            return Results.Ok(new
            {
                issuer = ci.Issuer,
                subject = job.Subject,
                requestUrl = $"{names.BaseAddress}_ci/oidc/github/idtoken?api-version=2.0",
                requestToken,
                oidcRequestUri = $"{names.BaseAddress}_ci/oidc/azure-pipelines/oidctoken",
                serviceConnectionId = connection,
            });
        });
        routes.MapGet("/_admin/ci-tokens", (CiIssuer ci) => Results.Ok(ci.Jobs.Select(job => new
        {
            subject = job.Subject,
            serviceConnectionId = job.ServiceConnectionId,
            lifetimeSeconds = job.Lifetime.TotalSeconds,
            idTokensIssued = job.Issued,
        })));
    }

    /// <summary>GitHub's default audience is the URL of the repository owner.</summary>
    private static string GitHubDefaultAudience(string subject) =>
        subject.StartsWith("repo:", StringComparison.Ordinal) && subject.IndexOf('/', StringComparison.Ordinal) is > 5 and var slash
            ? "https://github.com/" + subject[5..slash]
            : DefaultAudience;

    private static string? BearerToken(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }
}
