using System.Net;

namespace MSCommerce.Stub.Tests;

[Collection(ServiceCollection.Name)]
public sealed class FaultAndRateLimitTests(ServiceFixture service)
{
    private const string Policies = "v1.0/policies";

    [Fact]
    public void Injected_faults_answer_the_next_calls_then_the_service_recovers()
    {
        var token = service.Admin.Token(DemoData.AdminUpn);
        service.Admin.Post("_admin/faults", new { path = "/v1.0/policies", status = 503, count = 2, retryAfterSeconds = 3 });

        using var first = service.Send(HttpMethod.Get, Policies, token);
        using var second = service.Send(HttpMethod.Get, Policies, token);
        using var third = service.Send(HttpMethod.Get, Policies, token);

        first.AssertStatus(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(3), first.Headers.RetryAfter?.Delta);
        second.AssertStatus(HttpStatusCode.ServiceUnavailable);
        third.AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public void A_fault_at_a_rate_fails_about_that_share_of_calls_until_it_is_cleared()
    {
        var token = service.Admin.Token(DemoData.AdminUpn);
        service.Admin.Post("_admin/faults", new { path = "/v1.0/policies", status = 503, rate = 0.5 });
        int failed;
        try
        {
            failed = Enumerable.Range(0, 200).Count(_ =>
            {
                using var response = service.Send(HttpMethod.Get, Policies, token);
                return response.StatusCode == HttpStatusCode.ServiceUnavailable;
            });
        }
        finally
        {
            service.Send(HttpMethod.Delete, "_admin/faults", null).Dispose();
        }

        // Binomial(200, 0.5): outside 60..140 happens less than once in a billion runs.
        Assert.InRange(failed, 60, 140);
        using var after = service.Send(HttpMethod.Get, Policies, token);
        after.AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_fault_rate_outside_0_to_1_is_refused()
    {
        using var response = await service.Http.PostAsync("_admin/faults", System.Net.Http.Json.JsonContent.Create(new { status = 503, rate = 1.5 }));

        response.AssertStatus(HttpStatusCode.BadRequest);
    }

    [Fact]
    public void A_429_fault_can_carry_Retry_After_as_an_HTTP_date()
    {
        service.Admin.Post("_admin/faults", new { path = "/v1.0/auditLogs", status = 429, count = 1, retryAfterSeconds = 5, retryAfterDate = true });

        using var response = service.Send(HttpMethod.Get, "v1.0/auditLogs/policyChanges", service.Admin.Token(DemoData.AdminUpn));

        response.AssertStatus(HttpStatusCode.TooManyRequests);
        Assert.NotNull(response.Headers.RetryAfter?.Date);
    }

    [Fact]
    public void A_tenant_over_its_rate_limit_gets_429_with_Retry_After_and_other_tenants_do_not()
    {
        var (_, busy) = service.Admin.NewTenant();
        var (_, quiet) = service.Admin.NewTenant();
        using var settings = new HttpRequestMessage(HttpMethod.Put, "_admin/settings") { Content = System.Net.Http.Json.JsonContent.Create(new { rateLimitPerSecond = 2 }) };
        service.Http.Send(settings).Dispose();
        try
        {
            var statuses = Enumerable.Range(0, 12).Select(_ => { using var r = service.Send(HttpMethod.Get, Policies, busy); return (r.StatusCode, r.Headers.RetryAfter?.Delta); }).ToList();
            using var other = service.Send(HttpMethod.Get, Policies, quiet);

            Assert.Contains(statuses, status => status.StatusCode == HttpStatusCode.OK);
            var throttled = Assert.Single(statuses.Where(status => status.StatusCode == HttpStatusCode.TooManyRequests).Take(1));
            Assert.True(throttled.Delta >= TimeSpan.FromSeconds(1));
            other.AssertStatus(HttpStatusCode.OK);
        }
        finally
        {
            using var reset = new HttpRequestMessage(HttpMethod.Put, "_admin/settings") { Content = System.Net.Http.Json.JsonContent.Create(new { rateLimitPerSecond = 0 }) };
            service.Http.Send(reset).Dispose();
        }
    }

    [Fact]
    public void The_request_log_shows_what_was_sent()
    {
        var (_, token) = service.Admin.NewTenant();
        service.Send(HttpMethod.Delete, "_admin/requests", null).Dispose();

        service.Send(HttpMethod.Put, "v1.0/policies/AllowSelfServicePurchase/products/CFQ7TTC0H9MP", token, """{"policyValue":"Disabled"}""").Dispose();
        using var log = service.Send(HttpMethod.Get, "_admin/requests?method=PUT", null);

        var entry = Assert.Single(ServiceFixture.Json(log).EnumerateArray());
        Assert.Equal("/v1.0/policies/AllowSelfServicePurchase/products/CFQ7TTC0H9MP", entry.GetProperty("path").GetString());
        Assert.Equal(200, entry.GetProperty("status").GetInt32());
    }
}

public sealed class PersistenceTests
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task State_certificate_and_signing_key_survive_a_restart()
    {
        var fixture = new ServiceFixture();
        await fixture.InitializeAsync();
        try
        {
            var (domain, token) = fixture.Admin.NewTenant();
            fixture.Send(HttpMethod.Put, "v1.0/policies/AllowSelfServicePurchase/products/CFQ7TTC0HD32", token, """{"policyValue":"Disabled"}""").Dispose();
            var thumbprint = fixture.Service.Certificate.Thumbprint;

            await fixture.RestartAsync();
            using var read = fixture.Send(HttpMethod.Get, "v1.0/policies/AllowSelfServicePurchase/products/CFQ7TTC0HD32", token);

            Assert.Equal(thumbprint, fixture.Service.Certificate.Thumbprint);
            read.AssertStatus(HttpStatusCode.OK);
            Assert.Equal("Disabled", ServiceFixture.Json(read).GetProperty("policyValue").GetString());
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_acknowledged_change_survives_the_process_being_killed()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mscommerce-kill-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "commerce.db");
        try
        {
            using (var service = await ServiceProcess.StartAsync(database, StartDeadline, demoSeed: true))
            {
                using var admin = service.Admin(CallDeadline);
                var token = await admin.TokenAsync(DemoData.AdminUpn);
                using var put = await admin.Http.SendAsync(Authorized(new HttpRequestMessage(HttpMethod.Put, "v1.0/policies/AllowSelfServicePurchase/products/CFQ7TTC0HD33")
                {
                    Content = new StringContent("""{"policyValue":"Disabled"}""", System.Text.Encoding.UTF8, "application/json"),
                }, token));
                put.AssertStatus(HttpStatusCode.OK);
                service.Kill(StartDeadline);
            }

            using var restarted = await ServiceProcess.StartAsync(database, StartDeadline, demoSeed: true);
            using var again = restarted.Admin(CallDeadline);
            var readToken = await again.TokenAsync(DemoData.AdminUpn);
            using var read = await again.Http.SendAsync(Authorized(new HttpRequestMessage(HttpMethod.Get, "v1.0/policies/AllowSelfServicePurchase/products/CFQ7TTC0HD33"), readToken));
            Assert.Equal("Disabled", ServiceFixture.Json(read).GetProperty("policyValue").GetString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static HttpRequestMessage Authorized(HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
