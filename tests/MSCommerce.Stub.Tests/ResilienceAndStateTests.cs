using System.Diagnostics;
using System.Net;
using MSCommerce.Stub;

namespace MSCommerce.Stub.Tests;

[Collection(ServiceCollection.Name)]
public sealed class FaultAndRateLimitTests(ServiceFixture service)
{
    private const string Policies = "v1.0/policies";

    [Fact]
    public void Injected_faults_answer_the_next_calls_then_the_service_recovers()
    {
        var token = service.Token(DemoData.AdminUpn);
        service.Admin("_admin/faults", new { path = "/v1.0/policies", status = 503, count = 2, retryAfterSeconds = 3 });

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
        var token = service.Token(DemoData.AdminUpn);
        service.Admin("_admin/faults", new { path = "/v1.0/policies", status = 503, rate = 0.5 });
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
        service.Admin("_admin/faults", new { path = "/v1.0/auditLogs", status = 429, count = 1, retryAfterSeconds = 5, retryAfterDate = true });

        using var response = service.Send(HttpMethod.Get, "v1.0/auditLogs/policyChanges", service.Token(DemoData.AdminUpn));

        response.AssertStatus(HttpStatusCode.TooManyRequests);
        Assert.NotNull(response.Headers.RetryAfter?.Date);
    }

    [Fact]
    public void A_tenant_over_its_rate_limit_gets_429_with_Retry_After_and_other_tenants_do_not()
    {
        var (_, busy) = service.NewTenant();
        var (_, quiet) = service.NewTenant();
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
        var (_, token) = service.NewTenant();
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
    [Fact]
    public async Task State_certificate_and_signing_key_survive_a_restart()
    {
        var fixture = new ServiceFixture();
        await fixture.InitializeAsync();
        try
        {
            var (domain, token) = fixture.NewTenant();
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
            var (process, address) = await StartServiceProcess(database);
            using (process)
            {
                using var http = await ConnectAsync(database, address);
                var token = await TokenAsync(http);
                using var put = await http.SendAsync(Authorized(new HttpRequestMessage(HttpMethod.Put, "v1.0/policies/AllowSelfServicePurchase/products/CFQ7TTC0HD33")
                {
                    Content = new StringContent("""{"policyValue":"Disabled"}""", System.Text.Encoding.UTF8, "application/json"),
                }, token));
                put.AssertStatus(HttpStatusCode.OK);
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            var (restarted, restartedAddress) = await StartServiceProcess(database);
            using var _ = restarted;
            try
            {
                using var http = await ConnectAsync(database, restartedAddress);
                var token = await TokenAsync(http);
                using var read = await http.SendAsync(Authorized(new HttpRequestMessage(HttpMethod.Get, "v1.0/policies/AllowSelfServicePurchase/products/CFQ7TTC0HD33"), token));
                Assert.Equal("Disabled", ServiceFixture.Json(read).GetProperty("policyValue").GetString());
            }
            finally
            {
                restarted.Kill(entireProcessTree: true);
                await restarted.WaitForExitAsync();
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Starts the service on a port it picks itself (port 0) and reads the address it prints: no other process can take the port in between.</summary>
    private static async Task<(Process Process, Uri Address)> StartServiceProcess(string database)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { typeof(CommerceService).Assembly.Location, "--urls", "https://127.0.0.1:0", "--db", database, "--seed", "demo", "--test-controls" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is string line)
            {
                var listening = System.Text.RegularExpressions.Regex.Match(line, "listening on (https://\\S+)");
                if (listening.Success)
                {
                    return (process, new Uri(listening.Groups[1].Value));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        process.Kill(entireProcessTree: true);
        process.Dispose();
        throw new InvalidOperationException("The local commerce service did not say where it listens within 60 s.");
    }

    private static async Task<HttpClient> ConnectAsync(string database, Uri address)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                // The certificate file appears on start; trust exactly it.
                var thumbprint = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(database + ".cer").Thumbprint;
                var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint })
                {
                    BaseAddress = address,
                };
                (await http.GetAsync($"{DemoData.ContosoDomain}/v2.0/.well-known/openid-configuration")).EnsureSuccessStatusCode();
                return http;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static async Task<string> TokenAsync(HttpClient http)
    {
        using var response = await http.PostAsync("_admin/tokens", System.Net.Http.Json.JsonContent.Create(new { tenant = DemoData.ContosoDomain, userPrincipalName = DemoData.AdminUpn }));
        return ServiceFixture.Json(response).GetProperty("accessToken").GetString()!;
    }

    private static HttpRequestMessage Authorized(HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
