using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MSCommerce.Stub;

namespace MSCommerce.Stub.Tests;

/// <summary>
/// Workload identity federation as Entra does it: an app with no secret signs in with a token from an
/// external issuer (here the service's own CI issuer at /_ci/oidc) that one of its federated credentials trusts.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class FederatedCredentialTests(ServiceFixture service)
{
    private const string Scope = "aeb86249-8ea3-49e2-900b-54cc8e308f85/.default";
    private const string Exchange = "api://AzureADTokenExchange";

    [Fact]
    public void The_demo_pipeline_app_signs_in_with_a_GitHub_token_of_the_main_branch_and_gets_its_app_roles()
    {
        var job = StartJob(DemoData.PipelineMainSubject);
        var idToken = GitHubIdToken(job, Exchange);

        using var response = Redeem(DemoData.PipelineClientId, idToken);

        response.AssertStatus(HttpStatusCode.OK);
        var accessToken = ServiceFixture.Json(response).GetProperty("access_token").GetString()!;
        var claims = Claims(accessToken);
        Assert.Equal(DemoData.PipelineClientId, claims.GetProperty("appid").GetString());
        Assert.Equal(["Policy.ReadWrite.AllowSelfServicePurchase"], claims.GetProperty("roles").EnumerateArray().Select(role => role.GetString()));
        using var policies = service.Send(HttpMethod.Get, "v1.0/policies/AllowSelfServicePurchase/products", accessToken);
        policies.AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public void The_GitHub_token_names_the_job_subject_the_audience_asked_for_and_the_CI_issuer()
    {
        var job = StartJob(DemoData.PipelineMainSubject);

        var claims = Claims(GitHubIdToken(job, Exchange));

        Assert.Equal(DemoData.PipelineMainSubject, claims.GetProperty("sub").GetString());
        Assert.Equal(Exchange, claims.GetProperty("aud").GetString());
        Assert.Equal($"{service.Service.BaseAddress}_ci/oidc", claims.GetProperty("iss").GetString());
        Assert.Equal(job.GetProperty("issuer").GetString(), claims.GetProperty("iss").GetString());
    }

    [Fact]
    public void The_demo_pipeline_app_signs_in_with_an_Azure_DevOps_token_of_its_service_connection()
    {
        var job = StartJob(DemoData.PipelineServiceConnectionSubject);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{job.GetProperty("oidcRequestUri").GetString()}?api-version=7.1&serviceConnectionId={job.GetProperty("serviceConnectionId").GetString()}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", job.GetProperty("requestToken").GetString());
        request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var answer = service.Http.Send(request);
        answer.AssertStatus(HttpStatusCode.OK);

        using var response = Redeem(DemoData.PipelineClientId, ServiceFixture.Json(answer).GetProperty("oidcToken").GetString()!);

        response.AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public void The_pull_request_app_gets_read_only_roles_and_the_main_branch_app_refuses_a_pull_request_token()
    {
        var idToken = GitHubIdToken(StartJob(DemoData.PipelinePullRequestSubject), Exchange);

        using var readOnly = Redeem(DemoData.PullRequestClientId, idToken);
        using var readWrite = Redeem(DemoData.PipelineClientId, idToken);

        readOnly.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(["Policy.Read.AllowSelfServicePurchase"], Claims(ServiceFixture.Json(readOnly).GetProperty("access_token").GetString()!).GetProperty("roles").EnumerateArray().Select(role => role.GetString()));
        AssertRefused(readWrite, HttpStatusCode.BadRequest, "invalid_request", "AADSTS70021");
    }

    [Fact]
    public void An_app_with_no_credential_for_the_issuer_is_AADSTS700211()
    {
        var idToken = GitHubIdToken(StartJob(DemoData.PipelineMainSubject), Exchange);

        using var response = Redeem(DemoData.AutomationClientId, idToken);

        var description = AssertRefused(response, HttpStatusCode.Unauthorized, "invalid_client", "AADSTS700211");
        Assert.Contains($"issuer '{service.Service.BaseAddress}_ci/oidc'", description);
    }

    [Theory]
    [InlineData("repo:contoso/tenant-policy:ref:refs/heads/feature", Exchange)]
    [InlineData("repo:Contoso/tenant-policy:ref:refs/heads/main", Exchange)]
    [InlineData(DemoData.PipelineMainSubject, "api://SomethingElse")]
    [InlineData(DemoData.PipelineMainSubject, "api://azureadtokenexchange")]
    public void A_subject_or_audience_no_credential_names_exactly_is_AADSTS70021(string subject, string audience)
    {
        var idToken = GitHubIdToken(StartJob(subject), audience);

        using var response = Redeem(DemoData.PipelineClientId, idToken);

        var description = AssertRefused(response, HttpStatusCode.BadRequest, "invalid_request", "AADSTS70021");
        Assert.Contains($"Assertion Subject: '{subject}'. Assertion Audience: '{audience}'", description);
    }

    [Fact]
    public void A_token_past_its_expiry_is_AADSTS700024()
    {
        var job = StartJob(DemoData.PipelineMainSubject, lifetimeSeconds: 60, issuedSecondsAgo: 600);

        using var response = Redeem(DemoData.PipelineClientId, GitHubIdToken(job, Exchange));

        var description = AssertRefused(response, HttpStatusCode.Unauthorized, "invalid_client", "AADSTS700024");
        Assert.Contains("not within its valid time range", description);
    }

    [Fact]
    public void A_token_not_signed_by_the_issuer_keys_is_AADSTS700027_even_with_the_issuer_kid()
    {
        var genuine = GitHubIdToken(StartJob(DemoData.PipelineMainSubject), Exchange);
        var parts = genuine.Split('.');
        using var forger = RSA.Create(2048);
        var forged = Jws.Signed(forger, parts[0], parts[1]);
        var tampered = parts[0] + "." + Jws.Segment(Encoding.UTF8.GetString(AuthorizationTests.Decode(parts[1])).Replace("\"jti\":\"", "\"jti\":\"x", StringComparison.Ordinal)) + "." + parts[2];

        using var forgedAnswer = Redeem(DemoData.PipelineClientId, forged);
        using var tamperedAnswer = Redeem(DemoData.PipelineClientId, tampered);

        AssertRefused(forgedAnswer, HttpStatusCode.Unauthorized, "invalid_client", "AADSTS700027");
        AssertRefused(tamperedAnswer, HttpStatusCode.Unauthorized, "invalid_client", "AADSTS700027");
    }

    [Fact]
    public void An_issuer_whose_discovery_cannot_be_read_is_AADSTS50166_and_nothing_else_is_fetched_for_an_unknown_issuer()
    {
        var (domain, clientId) = NewApp();
        const string unreachable = "https://127.0.0.1:1/nowhere";
        service.Admin.Post($"_admin/tenants/{domain}/applications/{clientId}/federatedCredentials", new { name = "unreachable", issuer = unreachable, subject = "job" });
        using var key = RSA.Create(2048);
        var token = SelfSigned(key, unreachable, "job", Exchange);

        using var response = Redeem(clientId, token, domain);

        var description = AssertRefused(response, HttpStatusCode.Unauthorized, "invalid_client", "AADSTS50166");
        Assert.Contains("Request to External OIDC endpoint failed", description);
    }

    [Fact]
    public void A_credential_the_admin_adds_is_trusted_and_listed()
    {
        var (domain, clientId) = NewApp();
        var job = StartJob("repo:fabrikam/infra:environment:production");
        service.Admin.Post($"_admin/tenants/{domain}/applications/{clientId}/federatedCredentials",
            new { name = "production", issuer = job.GetProperty("issuer").GetString(), subject = "repo:fabrikam/infra:environment:production", audiences = new[] { Exchange } });

        using var response = Redeem(clientId, GitHubIdToken(job, Exchange), domain);
        using var listed = service.Send(HttpMethod.Get, $"_admin/tenants/{domain}/applications/{clientId}/federatedCredentials", null);

        response.AssertStatus(HttpStatusCode.OK);
        var credential = Assert.Single(ServiceFixture.Json(listed).EnumerateArray());
        Assert.Equal("production", credential.GetProperty("name").GetString());
        Assert.Equal([Exchange], credential.GetProperty("audiences").EnumerateArray().Select(audience => audience.GetString()));
    }

    [Theory]
    [InlineData("""{"name":"ok-name","issuer":"http://ci.example.com","subject":"s"}""")]
    [InlineData("""{"name":"ok-name","issuer":"not a url","subject":"s"}""")]
    [InlineData("""{"name":"ok-name","issuer":"https://ci.example.com","subject":""}""")]
    [InlineData("""{"name":"ok-name","issuer":"https://ci.example.com","subject":"s","audiences":["a","b"]}""")]
    [InlineData("""{"name":"ok-name","issuer":"https://ci.example.com","subject":"s","audiences":[]}""")]
    [InlineData("""{"name":"x","issuer":"https://ci.example.com","subject":"s"}""")]
    [InlineData("""{"name":"has space","issuer":"https://ci.example.com","subject":"s"}""")]
    public void A_credential_Entra_would_refuse_is_400_and_not_added(string body)
    {
        var (domain, clientId) = NewApp();

        using var response = service.Send(HttpMethod.Post, $"_admin/tenants/{domain}/applications/{clientId}/federatedCredentials", null, body);
        using var listed = service.Send(HttpMethod.Get, $"_admin/tenants/{domain}/applications/{clientId}/federatedCredentials", null);

        response.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Empty(ServiceFixture.Json(listed).EnumerateArray());
    }

    [Fact]
    public void An_app_holds_at_most_twenty_credentials_and_one_of_them_can_still_be_replaced()
    {
        var (domain, clientId) = NewApp();
        var path = $"_admin/tenants/{domain}/applications/{clientId}/federatedCredentials";
        for (var i = 0; i < 20; i++)
        {
            service.Admin.Post(path, new { name = $"credential-{i:D2}", issuer = "https://ci.example.com", subject = $"job-{i}" });
        }

        using var twentyFirst = service.Send(HttpMethod.Post, path, null, """{"name":"credential-20","issuer":"https://ci.example.com","subject":"job-20"}""");
        using var replaced = service.Send(HttpMethod.Post, path, null, """{"name":"credential-00","issuer":"https://ci.example.com","subject":"job-new"}""");

        twentyFirst.AssertStatus(HttpStatusCode.Conflict);
        replaced.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(20, ServiceFixture.Json(service.Send(HttpMethod.Get, path, null)).GetArrayLength());
    }

    [Fact]
    public void The_CI_issuer_gives_ID_tokens_only_to_the_job_request_token_and_counts_them()
    {
        var job = StartJob("repo:contoso/counted:ref:refs/heads/main");
        using var noToken = service.Send(HttpMethod.Get, job.GetProperty("requestUrl").GetString()!, null);
        using var wrongToken = service.Send(HttpMethod.Get, job.GetProperty("requestUrl").GetString()!, "not-the-request-token");
        GitHubIdToken(job, Exchange);
        GitHubIdToken(job, Exchange);

        noToken.AssertStatus(HttpStatusCode.Unauthorized);
        wrongToken.AssertStatus(HttpStatusCode.Unauthorized);
        var counted = ServiceFixture.Json(service.Send(HttpMethod.Get, "_admin/ci-tokens", null)).EnumerateArray()
            .Single(item => item.GetProperty("subject").GetString() == "repo:contoso/counted:ref:refs/heads/main");
        Assert.Equal(2, counted.GetProperty("idTokensIssued").GetInt32());
    }

    [Fact]
    public void The_Azure_DevOps_endpoint_refuses_another_service_connection()
    {
        var job = StartJob(DemoData.PipelineServiceConnectionSubject);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{job.GetProperty("oidcRequestUri").GetString()}?api-version=7.1&serviceConnectionId={Guid.NewGuid()}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", job.GetProperty("requestToken").GetString());

        using var answer = service.Http.Send(request);

        answer.AssertStatus(HttpStatusCode.BadRequest);
    }

    [Fact]
    public void The_CI_issuer_discovery_names_itself_and_its_keys_verify_its_tokens()
    {
        var discovery = ServiceFixture.Json(service.Send(HttpMethod.Get, "_ci/oidc/.well-known/openid-configuration", null));
        var keys = ServiceFixture.Json(service.Send(HttpMethod.Get, new Uri(discovery.GetProperty("jwks_uri").GetString()!).PathAndQuery.TrimStart('/'), null));
        var idToken = GitHubIdToken(StartJob("repo:contoso/x:ref:refs/heads/main"), Exchange);
        var key = keys.GetProperty("keys")[0];
        using var rsa = RSA.Create(new RSAParameters { Modulus = AuthorizationTests.Decode(key.GetProperty("n").GetString()!), Exponent = AuthorizationTests.Decode(key.GetProperty("e").GetString()!) });
        var parts = idToken.Split('.');

        Assert.Equal($"{service.Service.BaseAddress}_ci/oidc", discovery.GetProperty("issuer").GetString());
        Assert.True(rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), AuthorizationTests.Decode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    private JsonElement StartJob(string subject, int? lifetimeSeconds = null, int? issuedSecondsAgo = null) =>
        service.Admin.Post("_admin/ci-tokens", new { subject, lifetimeSeconds, issuedSecondsAgo });

    private string GitHubIdToken(JsonElement job, string audience)
    {
        using var response = service.Send(HttpMethod.Get, $"{job.GetProperty("requestUrl").GetString()}&audience={Uri.EscapeDataString(audience)}", job.GetProperty("requestToken").GetString());
        response.AssertStatus(HttpStatusCode.OK);
        return ServiceFixture.Json(response).GetProperty("value").GetString()!;
    }

    private HttpResponseMessage Redeem(string clientId, string assertion, string tenant = DemoData.ContosoDomain) =>
        service.Http.PostAsync($"{tenant}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["scope"] = Scope,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", ["client_assertion"] = assertion,
        })).GetAwaiter().GetResult();

    private (string Domain, string ClientId) NewApp()
    {
        var (domain, _) = service.Admin.NewTenant();
        var clientId = Guid.NewGuid().ToString();
        service.Admin.Post($"_admin/tenants/{domain}/applications", new { displayName = "federated", clientId, roles = new[] { "Policy.Read.AllowSelfServicePurchase" } });
        return (domain, clientId);
    }

    private static string SelfSigned(RSA key, string issuer, string subject, string audience)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new JsonObject { ["iss"] = issuer, ["sub"] = subject, ["aud"] = audience, ["iat"] = now, ["nbf"] = now, ["exp"] = now + 300 };
        return Jws.Signed(key, Jws.Segment("""{"alg":"RS256","typ":"JWT","kid":"k1"}"""), Jws.Segment(claims.ToJsonString()));
    }

    private static string AssertRefused(HttpResponseMessage response, HttpStatusCode status, string error, string aadsts)
    {
        response.AssertStatus(status);
        var body = ServiceFixture.Json(response);
        Assert.Equal(error, body.GetProperty("error").GetString());
        var description = body.GetProperty("error_description").GetString()!;
        Assert.StartsWith(aadsts + ":", description);
        return description;
    }

    private static JsonElement Claims(string token) => JsonDocument.Parse(AuthorizationTests.Decode(token.Split('.')[1])).RootElement.Clone();
}
