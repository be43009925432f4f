using System.Management.Automation;
using System.Net;
using System.Text;

namespace MSCommerce.Module.Tests;

/// <summary>Changes the process's default HTTP proxy, so it runs alone, after the tests that run side by side.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessProxyCollection
{
    public const string Name = "Process-wide HTTP proxy";
}

/// <summary>-Token without Connect-MSCommerce, as scripts written for Microsoft's module use it.</summary>
[Collection(ProcessProxyCollection.Name)]
public sealed class TokenAloneTests
{
    [Fact]
    public async Task Token_alone_needs_no_Connect_and_addresses_Microsofts_licensing_service_as_in_the_original()
    {
        using var shell = new ModuleRunspace();
        using var proxy = new TunnelRecordingProxy();
        var previous = HttpClient.DefaultProxy;
        // The machine's proxy sees where the call goes and holds it, so nothing leaves the machine; the call is then
        // stopped as Ctrl+C would stop it.
        HttpClient.DefaultProxy = new WebProxy(proxy.Address);
        try
        {
            using var powershell = shell.NewPowerShell();
            powershell.AddScript("param($t) Get-MSCommercePolicies -Token $t").AddParameter("t", TokenShapedString());
            var running = Task.Factory.FromAsync(powershell.BeginInvoke(), powershell.EndInvoke);

            var tunnel = await proxy.FirstTunnel.WaitAsync(TimeSpan.FromSeconds(60));
            powershell.Stop();
            try
            {
                await running.WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (PipelineStoppedException)
            {
            }

            Assert.Equal("licensing.m365.microsoft.com:443", tunnel);
            Assert.DoesNotContain(powershell.Streams.Error, error => error.FullyQualifiedErrorId.StartsWith("NotConnected", StringComparison.Ordinal));
        }
        finally
        {
            HttpClient.DefaultProxy = previous;
        }
    }

    /// <summary>A string with an access token's shape, which only the service could refuse.</summary>
    private static string TokenShapedString()
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{Part("""{"alg":"RS256","typ":"JWT"}""")}.{Part("""{"aud":"https://licensing.m365.microsoft.com","exp":4102444800}""")}.c2lnbmF0dXJl";
    }
}
