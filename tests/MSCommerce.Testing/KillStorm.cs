using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace MSCommerce.Testing;

/// <summary>What a kill storm found: how many kills the service survived, how many acknowledged writes were checked after them, and what was wrong.</summary>
public sealed record KillStormReport(int Kills, int IntegrityChecks, int PolicyChanges, int Purchases, int QuantityChanges, IReadOnlyList<string> Problems)
{
    public int AcknowledgedWrites => PolicyChanges + Purchases + QuantityChanges;

    public override string ToString() =>
        $"kill -9 durability: {Kills} kills survived, {IntegrityChecks} integrity checks, {AcknowledgedWrites} acknowledged writes checked " +
        $"({PolicyChanges} policy changes, {Purchases} purchases, {QuantityChanges} quantity changes), {Problems.Count} problems";
}

/// <summary>
/// Kills the service process with SIGKILL during a storm of concurrent writes (policy PUTs, purchases,
/// quantity changes), again and again. After each kill the database must pass PRAGMA integrity_check;
/// after each restart every write the client saw acknowledged (2xx) must be there: its audit entry
/// (by correlation id) and the state it left, and the audit log must still be an exact chain.
/// </summary>
public sealed class KillStorm(string folder, int kills, Action<string>? log = null)
{
    private const string Domain = "durable.onmicrosoft.com";
    private const string Policies = "v1.0/policies/AllowSelfServicePurchase/products";
    private const string Purchases = "v1.0/selfServicePurchases";
    private const string BoughtProduct = "CFQ7TTC0H9MP";
    private const int AcknowledgedBeforeKill = 10;
    private static readonly string[] FlippedProducts = ["CFQ7TTC0N8SS", "CFQ7TTC0MM8R", "CFQ7TTC0LH2H"];
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(30);

    private readonly string _database = Path.Combine(folder, "commerce.db");
    private readonly ConcurrentQueue<(string Correlation, string ProductId, string Value)> _policyAcks = new();
    private readonly ConcurrentQueue<string> _purchaseAcks = new();
    private readonly ConcurrentQueue<(string PurchaseId, int Quantity)> _quantityAcks = new();
    private readonly List<string> _problems = [];
    private int _integrityChecks;

    public async Task<KillStormReport> RunAsync(CancellationToken cancellation)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(20261201);
        for (var kill = 0; kill <= kills; kill++)
        {
            var phase = System.Diagnostics.Stopwatch.StartNew();
            using var service = await ServiceProcess.StartAsync(_database, StartDeadline);
            var started = phase.Elapsed;
            using var controls = service.Admin(CallDeadline);
            var http = controls.Http;
            if (kill == 0)
            {
                await ArrangeTenantAsync(controls);
            }

            var admin = await controls.TokenAsync("admin@" + Domain, Domain);
            var buyer = await controls.TokenAsync("buyer@" + Domain, Domain);
            await VerifyAsync(http, admin, buyer);
            var verified = phase.Elapsed;
            if (kill == kills || _problems.Count > 0)
            {
                return Report(kill);
            }

            var acknowledged = 0;
            using var storm = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            var writers = new List<Task>();
            foreach (var productId in FlippedProducts)
            {
                var current = (await GetJsonAsync(http, admin, $"{Policies}/{productId}")).GetProperty("policyValue").GetString()!;
                writers.Add(Task.Run(() => FlipPolicyAsync(http, admin, productId, current, () => Interlocked.Increment(ref acknowledged), storm.Token)));
            }

            for (var writer = 0; writer < 2; writer++)
            {
                writers.Add(Task.Run(() => ChangePurchasesAsync(http, buyer, () => Interlocked.Increment(ref acknowledged), storm.Token)));
            }

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (Volatile.Read(ref acknowledged) < AcknowledgedBeforeKill && DateTime.UtcNow < deadline && writers.Any(task => !task.IsCompleted))
            {
                await Task.Delay(5, cancellation);
            }

            await Task.Delay(random.Next(0, 150), cancellation);
            service.Kill(TimeSpan.FromSeconds(30));
            await storm.CancelAsync();
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60), cancellation);
            CheckIntegrity();
            log?.Invoke($"kill {kill + 1}: started in {started.TotalSeconds:F1} s, verified by {verified.TotalSeconds:F1} s, killed after {acknowledged} acknowledged writes, checked by {phase.Elapsed.TotalSeconds:F1} s");
        }

        return Report(kills);
    }

    private KillStormReport Report(int kills) =>
        new(kills, _integrityChecks, _policyAcks.Count, _purchaseAcks.Count, _quantityAcks.Count, _problems);

    private static async Task ArrangeTenantAsync(AdminClient controls)
    {
        await controls.PostAsync("_admin/tenants", new { domain = Domain, displayName = "Durable" });
        await controls.PostAsync($"_admin/tenants/{Domain}/users", new { userPrincipalName = "admin@" + Domain, roles = new[] { "GlobalAdministrator" } });
        await controls.PostAsync($"_admin/tenants/{Domain}/users", new { userPrincipalName = "buyer@" + Domain });
    }

    private async Task FlipPolicyAsync(HttpClient http, string token, string productId, string current, Action acknowledged, CancellationToken storm)
    {
        while (!storm.IsCancellationRequested)
        {
            var value = current == "Enabled" ? "Disabled" : "Enabled";
            var correlation = Guid.NewGuid().ToString();
            if (await WriteAsync(http, HttpMethod.Put, $"{Policies}/{productId}", token, $$"""{"policyValue":"{{value}}"}""", correlation) is null)
            {
                return;
            }

            _policyAcks.Enqueue((correlation, productId, value));
            current = value;
            acknowledged();
        }
    }

    /// <summary>Buys a purchase, then raises its quantity one licence at a time; now and then buys another.</summary>
    private async Task ChangePurchasesAsync(HttpClient http, string token, Action acknowledged, CancellationToken storm)
    {
        string? purchaseId = null;
        var quantity = 0;
        for (var step = 0; !storm.IsCancellationRequested; step++)
        {
            if (purchaseId is null || step % 8 == 0)
            {
                var bought = await WriteAsync(http, HttpMethod.Post, Purchases, token, $$"""{"productId":"{{BoughtProduct}}","quantity":1,"paymentMethod":"CreditCard"}""");
                if (bought is null)
                {
                    return;
                }

                purchaseId = bought.Value.GetProperty("subscriptionId").GetString()!;
                quantity = 1;
                _purchaseAcks.Enqueue(purchaseId);
            }
            else
            {
                if (await WriteAsync(http, HttpMethod.Patch, $"{Purchases}/{purchaseId}", token, $$"""{"quantity":{{quantity + 1}}}""") is null)
                {
                    return;
                }

                _quantityAcks.Enqueue((purchaseId, ++quantity));
            }

            acknowledged();
        }
    }

    /// <summary>The answer of an acknowledged write; null when the service is gone (killed) or the storm is over.</summary>
    private async Task<JsonElement?> WriteAsync(HttpClient http, HttpMethod method, string path, string token, string body, string? correlation = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (correlation is not null)
        {
            request.Headers.Add("x-ms-correlation-id", correlation);
        }

        try
        {
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                Problem($"{method} {path} answered {(int)response.StatusCode} while the service ran: {text}");
                return null;
            }

            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    private void CheckIntegrity()
    {
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            var result = command.ExecuteScalar() as string;
            if (result != "ok")
            {
                Problem($"PRAGMA integrity_check after a kill: {result}");
            }
        }

        _integrityChecks++;
    }

    private async Task VerifyAsync(HttpClient http, string admin, string buyer)
    {
        var audit = (await GetJsonAsync(http, admin, "v1.0/auditLogs/policyChanges")).GetProperty("items").EnumerateArray().ToList();
        var byCorrelation = audit.ToDictionary(entry => entry.GetProperty("correlationId").GetString()!, entry => entry, StringComparer.Ordinal);
        foreach (var (correlation, productId, value) in _policyAcks)
        {
            if (!byCorrelation.TryGetValue(correlation, out var entry))
            {
                Problem($"the acknowledged change of {productId} to {value} ({correlation}) has no audit entry");
            }
            else if (entry.GetProperty("scopeId").GetString() != productId || entry.GetProperty("newValue").GetString() != value)
            {
                Problem($"the audit entry of {correlation} says {entry.GetProperty("scopeId")} became {entry.GetProperty("newValue")}, not {productId} {value}");
            }
        }

        foreach (var productId in FlippedProducts)
        {
            var chain = audit.Where(entry => entry.GetProperty("scopeId").GetString() == productId).Select(entry => (Old: entry.GetProperty("oldValue").GetString(), New: entry.GetProperty("newValue").GetString())).ToList();
            var expected = "Enabled";
            foreach (var (old, @new) in chain)
            {
                if (old != expected)
                {
                    Problem($"the audit chain of {productId} breaks: an entry starts at {old} where the one before ended at {expected}");
                }

                expected = @new!;
            }

            var current = (await GetJsonAsync(http, admin, $"{Policies}/{productId}")).GetProperty("policyValue").GetString();
            if (current != expected)
            {
                Problem($"{productId} is {current}, but its last audit entry set it to {expected}");
            }
        }

        var lastQuantity = _quantityAcks.GroupBy(ack => ack.PurchaseId).ToDictionary(group => group.Key, group => group.Max(ack => ack.Quantity));
        foreach (var purchaseId in _purchaseAcks.Distinct())
        {
            using var response = await SendAsync(http, HttpMethod.Get, $"{Purchases}/{purchaseId}", buyer);
            if (!response.IsSuccessStatusCode)
            {
                Problem($"the acknowledged purchase {purchaseId} answers {(int)response.StatusCode}");
                continue;
            }

            var purchase = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var recorded = purchase.GetProperty("orderHistory").EnumerateArray()
                .Where(change => change.GetProperty("eventType").GetString() == "QuantityChange").Select(change => change.GetProperty("quantity").GetInt32()).ToHashSet();
            foreach (var (_, quantity) in _quantityAcks.Where(ack => ack.PurchaseId == purchaseId))
            {
                if (!recorded.Contains(quantity))
                {
                    Problem($"the acknowledged change of {purchaseId} to {quantity} licences is not in its order history");
                }
            }

            if (lastQuantity.TryGetValue(purchaseId, out var last) && purchase.GetProperty("quantity").GetInt32() < last)
            {
                Problem($"{purchaseId} has {purchase.GetProperty("quantity").GetInt32()} licences, fewer than the {last} acknowledged");
            }
        }
    }

    private void Problem(string problem)
    {
        lock (_problems)
        {
            _problems.Add(problem);
        }
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string token, string path)
    {
        using var response = await SendAsync(http, HttpMethod.Get, path, token);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(text).RootElement.Clone()
            : throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {text}");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }
}
