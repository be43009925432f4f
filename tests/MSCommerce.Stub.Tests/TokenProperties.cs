using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MSCommerce.Stub;
using Xunit.Abstractions;

namespace MSCommerce.Stub.Tests;

/// <summary>A generated request and what it was made of: FsCheck prints it when a property fails.</summary>
public sealed record AttackCase(string Description, string Token, bool Change)
{
    public override string ToString() => $"{Description} | {(Change ? "PUT" : "GET")} token: {Token}";
}

/// <summary>
/// Property-based checks of the service's token handling against generated attacks: whatever a bearer
/// token or a client assertion holds, the answer is the OAuth refusal, never a 500, and nothing changes.
/// </summary>
public sealed class TokenProperties(ServiceFixture service, CaseCounts counts, ITestOutputHelper output) : IClassFixture<ServiceFixture>, IClassFixture<CaseCounts>
{
    private const int Cases = 500;
    private const string Product = "v1.0/policies/AllowSelfServicePurchase/products/CFQ7TTC0LH05";

    private static readonly Config Checked = Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true);

    [Fact]
    public void Validly_signed_bearer_tokens_with_a_defective_header_or_claims_are_always_401_invalid_token()
    {
        var header = Members.FromJson(Jws.ServiceHeader(service));
        var claims = Members.FromJson(Jws.AdminClaims(service));
        var cases =
            from defectiveHeader in Gen.Elements(true, false)
            from defectiveClaims in defectiveHeader ? Gen.Elements(true, false) : Gen.Constant(true)
            from headerJson in defectiveHeader ? JoseGen.Defective(header, JoseGen.HeaderDefects(bearer: true)) : Gen.Constant(("valid header", header.Utf8()))
            from claimsJson in defectiveClaims ? JoseGen.Defective(claims, JoseGen.ClaimsDefects(claims, bearer: true)) : Gen.Constant(("valid claims", claims.Utf8()))
            from change in Gen.Elements(true, false)
            select new AttackCase($"header: {headerJson.Item1} / claims: {claimsJson.Item1}", Jws.Signed(service.SigningKey, Jws.Segment(headerJson.Item2), Jws.Segment(claimsJson.Item2)), change);

        CheckBearerTokens(nameof(Validly_signed_bearer_tokens_with_a_defective_header_or_claims_are_always_401_invalid_token), cases);
    }

    [Fact]
    public void Unsigned_and_garbled_bearer_tokens_are_always_401_invalid_token()
    {
        var header = Members.FromJson(Jws.ServiceHeader(service));
        var claims = Members.FromJson(Jws.AdminClaims(service));
        var jsonSegment = Gen.OneOf(
            JoseGen.Defective(header, JoseGen.HeaderDefects(bearer: true)).Select(json => Jws.Segment(json.Item2)),
            JoseGen.Defective(claims, JoseGen.ClaimsDefects(claims, bearer: true)).Select(json => Jws.Segment(json.Item2)),
            JoseGen.Value.Select(Jws.Segment),
            Gen.Constant(Jws.Segment(header.Utf8())),
            Gen.Constant(Jws.Segment(claims.Utf8())));
        var segment = Gen.Frequency((6, jsonSegment), (2, JoseGen.NotBase64Url), (1, Gen.Constant("")), (1, JoseGen.PrintableAscii.Select(text => Jws.Segment(Encoding.UTF8.GetBytes(text)))));
        var signature = Gen.OneOf(Gen.Constant(""), JoseGen.NotBase64Url, JoseGen.PrintableAscii.Select(text => Jws.Segment(Encoding.ASCII.GetBytes(text))));
        var cases = Gen.OneOf(
            from first in segment from second in segment from third in signature from change in Gen.Elements(true, false)
                select new AttackCase("three segments", $"{first}.{second}.{third}", change),
            from count in Gen.Choose(1, 6) from parts in Gen.ArrayOf(segment, count) from change in Gen.Elements(true, false)
                select new AttackCase($"{count} segments", string.Join(".", parts), change),
            from text in JoseGen.PrintableAscii.Where(text => text.Trim().Length > 0) from change in Gen.Elements(true, false)
                select new AttackCase("printable ASCII", text, change));

        CheckBearerTokens(nameof(Unsigned_and_garbled_bearer_tokens_are_always_401_invalid_token), cases);
    }

    [Fact]
    public void Client_assertions_with_a_defective_header_or_claims_are_always_refused_as_invalid_client()
    {
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(service.Service.DemoAppCertificatePath!, null);
        using var appKey = certificate.GetRSAPrivateKey()!;
        var header = Members.FromJson("""{"alg":"RS256","typ":"JWT","x5t":"demo"}""");
        var claims = Members.FromJson(Jws.AssertionClaims(service));
        var signed =
            from defectiveHeader in Gen.Elements(true, false)
            from defectiveClaims in defectiveHeader ? Gen.Elements(true, false) : Gen.Constant(true)
            from headerJson in defectiveHeader ? JoseGen.Defective(header, JoseGen.HeaderDefects(bearer: false)) : Gen.Constant(("valid header", header.Utf8()))
            from claimsJson in defectiveClaims ? JoseGen.Defective(claims, JoseGen.ClaimsDefects(claims, bearer: false)) : Gen.Constant(("valid claims", claims.Utf8()))
            select new AttackCase($"signed by the app; header: {headerJson.Item1} / claims: {claimsJson.Item1}", Jws.Signed(appKey, Jws.Segment(headerJson.Item2), Jws.Segment(claimsJson.Item2)), false);
        var garbled =
            from count in Gen.Choose(1, 5)
            from parts in Gen.ArrayOf(Gen.OneOf(JoseGen.NotBase64Url, JoseGen.Value.Select(Jws.Segment), Gen.Constant("")), count)
            select new AttackCase($"{count} garbled segments", string.Join(".", parts), false);
        var statuses = new SortedDictionary<int, int>();
        var before = StateSnapshot();

        Check.One(Checked, Prop.ForAll(Gen.Frequency((4, signed), (1, garbled)).ToArbitrary(), attack =>
        {
            using var response = service.Http.PostAsync($"{DemoData.ContosoDomain}/oauth2/v2.0/token", new FormUrlEncodedContent(Jws.AssertionForm(attack.Token))).GetAwaiter().GetResult();
            Count(statuses, response.StatusCode);
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"{(int)response.StatusCode}: {body}");
            Assert.Equal("invalid_client", System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
        }));

        Assert.Equal(before, StateSnapshot());
        Report(nameof(Client_assertions_with_a_defective_header_or_claims_are_always_refused_as_invalid_client), statuses);
    }

    [Fact]
    public void Odd_query_strings_and_tenants_on_the_identity_endpoints_are_never_a_server_error()
    {
        var tenant = Gen.OneOf(
            Gen.Elements(DemoData.ContosoDomain, DemoData.ContosoTenantId, "organizations", "common", "nowhere.onmicrosoft.com", "%ED%A0%80", "%FF", "%00", "%C3%A9t%C3%A9", "a%2Fb", "..", "%2E%2E", "%25", "~", "x" + new string('y', 300)),
            JoseGen.PrintableAscii.Where(text => text.Length > 0).Select(Uri.EscapeDataString));
        var query = from count in Gen.Choose(0, 6)
                    from pieces in Gen.ArrayOf(Gen.OneOf(
                        Gen.Elements("a=b", "%ED%A0%80", "%FF", "%00", "%", "%zz", "&&", "==", "scope=x", "client_id=", "grant_type=client_credentials", "p=%F0%9F%98%80", "p=%C0%AF", "x=1&x=2", "$top=-1"),
                        JoseGen.PrintableAscii.Select(Uri.EscapeDataString)), count)
                    select string.Join("&", pieces);
        var cases =
            from endpoint in Gen.Elements("token", "devicecode", "discovery", "keys")
            from path in tenant
            from text in query
            select new AttackCase(endpoint, $"{path}|{text}", false);
        var statuses = new SortedDictionary<int, int>();
        var before = StateSnapshot();

        Check.One(Checked, Prop.ForAll(cases.ToArbitrary(), attack =>
        {
            var (tenantPath, queryText) = (attack.Token.Split('|')[0], attack.Token.Split('|')[1]);
            using var request = attack.Description switch
            {
                "token" => new HttpRequestMessage(HttpMethod.Post, $"{tenantPath}/oauth2/v2.0/token?{queryText}")
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["grant_type"] = "client_credentials", ["client_id"] = DemoData.ReportingClientId, ["client_secret"] = DemoData.ReportingClientSecret, ["scope"] = "aeb86249-8ea3-49e2-900b-54cc8e308f85/.default",
                    }),
                },
                "devicecode" => new HttpRequestMessage(HttpMethod.Post, $"{tenantPath}/oauth2/v2.0/devicecode?{queryText}")
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = "3d5cffa9-04da-4657-8cab-c7f074657cad", ["scope"] = "aeb86249-8ea3-49e2-900b-54cc8e308f85/.default" }),
                },
                "discovery" => new HttpRequestMessage(HttpMethod.Get, $"{tenantPath}/v2.0/.well-known/openid-configuration?{queryText}"),
                _ => new HttpRequestMessage(HttpMethod.Get, $"{tenantPath}/discovery/v2.0/keys?{queryText}"),
            };
            using var response = service.Http.Send(request);
            Count(statuses, response.StatusCode);
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}: {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
        }));

        Assert.Equal(before, StateSnapshot());
        Report(nameof(Odd_query_strings_and_tenants_on_the_identity_endpoints_are_never_a_server_error), statuses);
    }

    [Fact]
    public void Odd_forms_at_the_token_and_device_code_endpoints_are_always_an_OAuth_error_or_a_token()
    {
        var name = Gen.Frequency(
            (8, Gen.Elements("grant_type", "client_id", "scope", "client_secret", "client_assertion_type", "client_assertion", "device_code", "refresh_token", "code")),
            (1, JoseGen.PrintableAscii));
        var value = Gen.Frequency(
            (4, Gen.Elements(
                "client_credentials", "refresh_token", "device_code", "urn:ietf:params:oauth:grant-type:device_code", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                DemoData.AutomationClientId, DemoData.ReportingClientId, Jws.CertificateClientId, "3d5cffa9-04da-4657-8cab-c7f074657cad", DemoData.ReportingClientSecret,
                "aeb86249-8ea3-49e2-900b-54cc8e308f85/.default", "https://graph.microsoft.com/.default", "openid offline_access", "")),
            (2, Gen.Elements("%ED%A0%80", "%FF", "%", "%zz", "+", "%00", "%C0%AF", "a%26b%3Dc", "%F0%9F%98%80", new string('x', 5000))),
            (2, JoseGen.PrintableAscii),
            (1, JoseGen.NotBase64Url));
        var contentType = Gen.Elements(
            "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8", "application/x-www-form-urlencoded; charset=utf-16",
            "application/x-www-form-urlencoded; charset=nonsense", "multipart/form-data; boundary=x", "multipart/form-data", "application/json", "text/plain");
        var cases =
            from endpoint in Gen.Elements("token", "devicecode")
            from count in Gen.Choose(0, 8)
            from names in Gen.ArrayOf(name, count)
            from values in Gen.ArrayOf(value, count)
            from type in contentType
            select new AttackCase($"{endpoint} as {type}", string.Join("&", names.Zip(values, (key, text) => key + "=" + text)), false);
        var statuses = new SortedDictionary<int, int>();
        var before = StateSnapshot();

        Check.One(Checked, Prop.ForAll(cases.ToArbitrary(), attack =>
        {
            var endpoint = attack.Description.Split(' ')[0];
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(attack.Token));
            content.Headers.TryAddWithoutValidation("Content-Type", attack.Description[(endpoint.Length + " as ".Length)..]);
            using var response = service.Http.PostAsync($"{DemoData.ContosoDomain}/oauth2/v2.0/{endpoint}", content).GetAwaiter().GetResult();
            Count(statuses, response.StatusCode);
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            Assert.True(response.StatusCode == HttpStatusCode.OK || (int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}: {body}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Assert.Equal(System.Text.Json.JsonValueKind.String, System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("error").ValueKind);
            }
        }));

        Assert.Equal(before, StateSnapshot());
        Report(nameof(Odd_forms_at_the_token_and_device_code_endpoints_are_always_an_OAuth_error_or_a_token), statuses);
    }

    private void CheckBearerTokens(string property, Gen<AttackCase> cases)
    {
        var statuses = new SortedDictionary<int, int>();
        var before = StateSnapshot();

        Check.One(Checked, Prop.ForAll(cases.ToArbitrary(), attack =>
        {
            using var request = new HttpRequestMessage(attack.Change ? HttpMethod.Put : HttpMethod.Get, Product);
            Assert.True(request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + attack.Token));
            if (attack.Change)
            {
                request.Content = new StringContent("""{"policyValue":"Disabled"}""", Encoding.UTF8, "application/json");
            }

            using var response = service.Http.Send(request);
            Count(statuses, response.StatusCode);
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{(int)response.StatusCode}: {body}");
            Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
            Assert.Equal("InvalidToken", System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("errorCode").GetString());
        }));

        Assert.Equal(before, StateSnapshot());
        Report(property, statuses);
    }

    /// <summary>What an attack must not change: the product policies and the policy audit of the tenant.</summary>
    private string StateSnapshot()
    {
        var token = service.Admin.Token(DemoData.AdminUpn);
        using var policies = service.Send(HttpMethod.Get, "v1.0/policies/AllowSelfServicePurchase/products", token);
        using var audit = service.Send(HttpMethod.Get, $"_admin/tenants/{DemoData.ContosoDomain}/audit", null);
        policies.AssertStatus(HttpStatusCode.OK);
        audit.AssertStatus(HttpStatusCode.OK);
        return policies.Content.ReadAsStringAsync().GetAwaiter().GetResult() + "\n" + audit.Content.ReadAsStringAsync().GetAwaiter().GetResult();
    }

    private static void Count(SortedDictionary<int, int> statuses, HttpStatusCode status) =>
        statuses[(int)status] = statuses.GetValueOrDefault((int)status) + 1;

    private void Report(string property, SortedDictionary<int, int> statuses)
    {
        Assert.True(statuses.Values.Sum() >= Cases, $"{property}: FsCheck ran {statuses.Values.Sum()} cases, fewer than {Cases}.");
        counts.Report(output, $"{property}: {statuses.Values.Sum()} generated cases, answers {string.Join(", ", statuses.Select(status => $"{status.Key} x{status.Value}"))}, 0 server errors, state unchanged.");
    }
}
