using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MSCommerce.Stub;
using MSCommerce.Stub.Api;

namespace MSCommerce.Stub.Tests;

/// <summary>
/// What a caller who has not signed in can make the service keep: device-code sign-ins only from known
/// clients with a valid scope, expiring out of memory, under a cap; the request log only with the test
/// controls, as a ring, with no more of a URL than its limits. Each test has a service of its own, since
/// they move its clock or fill its caps.
/// </summary>
public sealed class MemoryLimitTests
{
    private const string Scope = "aeb86249-8ea3-49e2-900b-54cc8e308f85/.default";
    private const string PublicClientId = "3d5cffa9-04da-4657-8cab-c7f074657cad";

    [Fact]
    public async Task Device_code_starts_from_an_unknown_client_or_with_a_huge_invalid_or_missing_scope_are_refused_as_Entra_does_and_nothing_is_kept()
    {
        await WithServiceAsync(_ => { }, async service =>
        {
            var huge = string.Join(' ', Enumerable.Repeat(Scope, 900_000 / (Scope.Length + 1)));

            var unknownClient = await StartAsync(service, DemoData.ContosoDomain, "x", Scope);
            var unknownAtAlias = await StartAsync(service, "organizations", Guid.NewGuid().ToString(), Scope);
            var otherTenantsApp = await StartAsync(service, DemoData.FabrikamDomain, DemoData.AutomationClientId, Scope);
            var hugeScope = await StartAsync(service, "organizations", PublicClientId, huge);
            var invalidScope = await StartAsync(service, DemoData.ContosoDomain, PublicClientId, "x");
            var noScope = await StartAsync(service, DemoData.ContosoDomain, PublicClientId, "");
            var storedAfterRefusals = await StoredAsync(service);
            var registeredApp = await StartAsync(service, DemoData.ContosoDomain, DemoData.AutomationClientId, Scope);
            var firstParty = await StartAsync(service, "organizations", PublicClientId, Scope);

            AssertRefused(unknownClient, "unauthorized_client", "AADSTS700016");
            Assert.Contains("Application with identifier 'x' was not found in the directory", unknownClient.Description);
            AssertRefused(unknownAtAlias, "unauthorized_client", "AADSTS700016");
            AssertRefused(otherTenantsApp, "unauthorized_client", "AADSTS700016");
            AssertRefused(hugeScope, "invalid_scope", "AADSTS70011");
            Assert.True(hugeScope.Description.Length < 300, $"The refusal quotes {hugeScope.Description.Length} characters of the scope.");
            AssertRefused(invalidScope, "invalid_scope", "AADSTS70011");
            AssertRefused(noScope, "invalid_request", "AADSTS900144");
            Assert.Equal(0, storedAfterRefusals);
            Assert.Equal(HttpStatusCode.OK, registeredApp.Status);
            Assert.Equal(HttpStatusCode.OK, firstParty.Status);
            Assert.Equal(2, await StoredAsync(service));
        });
    }

    [Fact]
    public async Task A_huge_scope_at_the_token_endpoint_is_refused_without_being_echoed()
    {
        await WithServiceAsync(_ => { }, async service =>
        {
            var huge = string.Join(' ', Enumerable.Repeat(Scope, 900_000 / (Scope.Length + 1)));

            using var response = await service.Http.PostAsync($"{DemoData.ContosoDomain}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = DemoData.AutomationClientId, ["client_secret"] = DemoData.AutomationClientSecret, ["scope"] = huge,
            }));

            response.AssertStatus(HttpStatusCode.BadRequest);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(body.Length < 1000, $"The refusal is {body.Length} characters long.");
            Assert.StartsWith("AADSTS70011", JsonDocument.Parse(body).RootElement.GetProperty("error_description").GetString());
        });
    }

    [Fact]
    public async Task Device_codes_leave_memory_once_expired_on_the_services_clock()
    {
        await WithServiceAsync(_ => { }, async service =>
        {
            var first = await StartAsync(service, DemoData.ContosoDomain, PublicClientId, Scope);
            await StartAsync(service, DemoData.FabrikamDomain, PublicClientId, Scope);
            await StartAsync(service, "organizations", PublicClientId, Scope);
            var before = await StoredAsync(service);

            await service.Admin.PostAsync("_admin/clock", new { advanceSeconds = 15 * 60 + 1 });
            var late = await service.Http.PostAsync($"{DemoData.ContosoDomain}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "urn:ietf:params:oauth:grant-type:device_code", ["client_id"] = PublicClientId, ["device_code"] = first.DeviceCode!, ["scope"] = Scope,
            }));
            await StartAsync(service, DemoData.ContosoDomain, PublicClientId, Scope);

            Assert.Equal(3, before);
            Assert.Equal("expired_token", (await ServiceFixture.JsonAsync(late)).GetProperty("error").GetString());
            Assert.Equal(1, await StoredAsync(service));
        });
    }

    [Fact]
    public async Task Device_codes_waiting_are_capped_per_tenant_and_overall_with_a_429_that_says_when_to_retry()
    {
        await WithServiceAsync(options => { options.DeviceCodesPerTenant = 3; options.DeviceCodes = 5; }, async service =>
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await StartAsync(service, DemoData.ContosoDomain, PublicClientId, Scope)).Status);
            }

            var tenantFull = await StartAsync(service, DemoData.ContosoTenantId, PublicClientId, Scope);
            var otherTenant = await StartAsync(service, DemoData.FabrikamDomain, PublicClientId, Scope);
            var alias = await StartAsync(service, "organizations", PublicClientId, Scope);
            var serviceFull = await StartAsync(service, "common", PublicClientId, Scope);
            var stored = await StoredAsync(service);
            await service.Admin.PostAsync("_admin/clock", new { advanceSeconds = 15 * 60 + 1 });
            var afterExpiry = await StartAsync(service, DemoData.ContosoDomain, PublicClientId, Scope);

            AssertRefused(tenantFull, "temporarily_unavailable", "AADSTS90055", HttpStatusCode.TooManyRequests);
            Assert.Contains("3 device-code sign-ins are already waiting in this tenant", tenantFull.Description);
            Assert.InRange(tenantFull.RetryAfter!.Value, 1, 15 * 60);
            Assert.Equal(HttpStatusCode.OK, otherTenant.Status);
            Assert.Equal(HttpStatusCode.OK, alias.Status);
            AssertRefused(serviceFull, "temporarily_unavailable", "AADSTS90055", HttpStatusCode.TooManyRequests);
            Assert.Contains("5 device-code sign-ins are already waiting in the service", serviceFull.Description);
            Assert.Equal(5, stored);
            Assert.Equal(HttpStatusCode.OK, afterExpiry.Status);
        });
    }

    [Fact]
    public async Task The_request_log_keeps_the_last_N_calls_and_no_more_of_a_query_than_its_limit()
    {
        await WithServiceAsync(options => options.RequestLogCapacity = 50, async service =>
        {
            var query = new string('q', 8000);
            for (var i = 0; i < 120; i++)
            {
                using var response = await service.SendAsync(HttpMethod.Get, $"v1.0/policies?i={i:D3}&x={query}", null);
                response.AssertStatus(HttpStatusCode.Unauthorized);
            }

            var logged = (await ServiceFixture.JsonAsync(await service.Http.GetAsync("_admin/requests"))).EnumerateArray().Select(entry => entry.Text("path")).ToList();

            Assert.Equal(50, logged.Count);
            Assert.Equal(Enumerable.Range(70, 50).Select(i => $"/v1.0/policies?i={i:D3}"), logged.Select(path => path[..(path.IndexOf('&', StringComparison.Ordinal))]));
            Assert.All(logged, path => Assert.Equal("/v1.0/policies".Length + RequestLog.MaxQueryLength + RequestLog.Cut.Length, path.Length));
            Assert.All(logged, path => Assert.EndsWith("q" + RequestLog.Cut, path));
        });
    }

    [Fact]
    public async Task Without_the_test_controls_no_request_log_is_kept()
    {
        await WithServiceAsync(options => options.EnableTestControls = false, async service =>
        {
            for (var i = 0; i < 20; i++)
            {
                using var response = await service.SendAsync(HttpMethod.Get, $"v1.0/policies?x={new string('q', 8000)}", null);
                response.AssertStatus(HttpStatusCode.Unauthorized);
            }

            using var admin = await service.Http.GetAsync("_admin/requests");

            Assert.Equal(HttpStatusCode.NotFound, admin.StatusCode);
            Assert.Null(service.Service.Services.GetService<RequestLog>());
        });
    }

    internal static async Task WithServiceAsync(Action<CommerceServiceOptions> configure, Func<ServiceFixture, Task> test)
    {
        var service = await ServiceFixture.StartOwnAsync(configure);
        try
        {
            await test(service);
        }
        finally
        {
            await service.DisposeAsync();
        }
    }

    private static async Task<int> StoredAsync(ServiceFixture service)
    {
        using var response = await service.Http.GetAsync("_admin/device-codes");
        response.AssertStatus(HttpStatusCode.OK);
        return (await ServiceFixture.JsonAsync(response)).GetProperty("stored").GetInt32();
    }

    private static async Task<Started> StartAsync(ServiceFixture service, string tenant, string clientId, string scope)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = clientId, ["scope"] = scope });
        using var response = await service.Http.PostAsync($"{tenant}/oauth2/v2.0/devicecode", content);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return response.StatusCode == HttpStatusCode.OK
            ? new Started(response.StatusCode, answer.Text("device_code"), null, "", null)
            : new Started(response.StatusCode, null, answer.Text("error"), answer.Text("error_description"), response.Headers.RetryAfter?.Delta is { } delta ? (int)delta.TotalSeconds : null);
    }

    private static void AssertRefused(Started started, string error, string aadsts, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        Assert.True(started.Status == status, $"Expected {(int)status} {error}, got {(int)started.Status} {started.Error}: {started.Description}");
        Assert.Equal(error, started.Error);
        Assert.StartsWith(aadsts + ":", started.Description);
    }

    private sealed record Started(HttpStatusCode Status, string? DeviceCode, string? Error, string Description, int? RetryAfter);
}
