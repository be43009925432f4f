using System.Collections;
using System.Management.Automation;
using MSCommerce.Stub;

namespace MSCommerce.Module.Tests;

/// <summary>A local service of its own with a few hundred products, whose injected outage touches no other test.</summary>
public sealed class OutageServiceFixture() : LocalService(options => options.SeedProducts = ExtraProducts)
{
    public const int ExtraProducts = 240;
}

/// <summary>
/// A sync whose service dies: the connection notices once, stops sending, and reports every change
/// it did not send as not sent; a later sync, the service back, finishes the job.
/// </summary>
public sealed class ServiceOutageTests(OutageServiceFixture service) : IClassFixture<OutageServiceFixture>, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly BaselineFiles _files = new();

    [Fact]
    public async Task A_sync_whose_service_dies_returns_at_once_reporting_each_change_not_sent_and_a_later_sync_converges()
    {
        using var tenant = new IsolatedTenant(service);
        var shell = tenant.ConnectedShell();
        var total = shell.Invoke("Get-MSCommerceProductPolicies").Count;
        var path = _files.Baseline("block-all.json", "Disabled");
        service.Admin.Put("_admin/settings", new { latencyMs = 20 });
        InvocationResult result;
        try
        {
            using var powershell = shell.NewPowerShell();
            powershell.AddScript("param($Path) Sync-MSCommercePolicyBaseline -Path $Path -PassThru -Confirm:$false -Verbose").AddParameter("Path", path);
            var output = new PSDataCollection<PSObject>();
            var running = Task.Factory.FromAsync(powershell.BeginInvoke<PSObject, PSObject>(null, output), _ => { });
            await Until(() => service.Admin.AuditCount(tenant.Domain) >= 20 || running.IsCompleted, "20 changes were made");
            // The service dies: every connection is dropped from now on.
            service.Admin.Post("_admin/faults", new { dropConnection = true, status = 0, rate = 1.0 });

            await running.WaitAsync(Deadline);
            result = new InvocationResult(new(output.ToList()), powershell.Streams.Error.ToList(), powershell.Streams.Verbose.Select(record => record.Message).ToList(), [], [], [],
                powershell.Streams.Information.Select(record => record.MessageData?.ToString() ?? "").ToList());
        }
        finally
        {
            service.Admin.ClearFaults();
            service.Admin.Put("_admin/settings", new { latencyMs = 0 });
        }

        var changed = result.Output.Where(change => change.Properties["Outcome"].Value.ToString() == "Changed").ToList();
        var notSent = result.Output.Where(change => change.Properties["Outcome"].Value.ToString() == "NotSent").ToList();
        Assert.True(notSent.Count >= total / 2, $"only {notSent.Count} of {total} changes were reported as not sent");
        Assert.All(notSent, change => Assert.Null(change.Properties["ChangedAt"].Value));
        var notSentErrors = result.Errors.Where(error => error.FullyQualifiedErrorId.StartsWith("NotSent,", StringComparison.Ordinal)).ToList();
        Assert.Equal(notSent.Select(change => (string)change.Properties["Id"].Value).Order(), notSentErrors.Select(error => (string)error.TargetObject).Order());
        Assert.All(notSentErrors, error =>
        {
            Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
            Assert.Contains("Run the command again when the service is back", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        });
        // The changes in flight when the service died failed as a connection or service failure; every change is accounted for once.
        Assert.All(result.Errors.Except(notSentErrors), error => Assert.Matches("^(ConnectionFailed|ServiceUnavailable),", error.FullyQualifiedErrorId));
        Assert.Equal(total, changed.Count + result.Errors.Count);
        Assert.Equal(changed.Count, service.Admin.AuditCount(tenant.Domain));
        Assert.Contains(result.Information, line => line.Contains("not sent", StringComparison.Ordinal) && line.StartsWith($"Changed {changed.Count} of {total} policies", StringComparison.Ordinal));

        // The service is back: once the connection has tried it again, a sync finishes the job.
        await Until(() => shell.Run("param($Path) Sync-MSCommercePolicyBaseline -Path $Path -Confirm:$false", new Hashtable { ["Path"] = path }).Errors.Count == 0, "a sync succeeded");
        Assert.True((bool)Assert.Single(shell.Invoke("param($Path) Test-MSCommercePolicyBaseline -Path $Path", new Hashtable { ["Path"] = path })).BaseObject);
        Assert.Equal(total, service.Admin.AuditCount(tenant.Domain));
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Not within {Deadline}: {what}.");
            }

            await Task.Delay(100);
        }
    }

    public void Dispose() => _files.Dispose();
}
