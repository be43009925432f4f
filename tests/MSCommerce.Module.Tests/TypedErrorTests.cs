using System.Collections;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using MSCommerce.Stub;

namespace MSCommerce.Module.Tests;

/// <summary>Failures users meet at the edges (network, file system) are ErrorRecords with an id, a category and what to do, never a raw .NET exception.</summary>
[Collection(LocalServiceCollection.Name)]
public sealed class TypedErrorTests(LocalService service) : IDisposable
{
    private readonly ModuleRunspace _shell = ModuleRunspace.ConnectedAsAdmin(service);
    private readonly BaselineFiles _files = new();

    /// <summary>A JWT in shape only: the module lets it through, and only a service could refuse it.</summary>
    private const string AShapedToken = "eyJhbGciOiJub25lIn0.eyJ0aWQiOiJjb250b3NvLm9ubWljcm9zb2Z0LmNvbSJ9.c2lnbmF0dXJl";

    [Theory]
    [InlineData("-ClientSecret $Secret -TenantId " + DemoData.ContosoDomain + " -ClientId " + DemoData.AutomationClientId, "")]
    // One retry, not the default five (about 30 s of back-off): the refusal still goes through a retry and its exhaustion.
    [InlineData("-AccessToken $Jwt -MaxRetryCount 1", "; Get-MSCommercePolicies")]
    public void Connect_to_an_endpoint_nobody_listens_on_is_a_ConnectionError_naming_what_to_check(string signIn, string then)
    {
        // A socket bound and not listening: the port refuses connections and no other process can take it.
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var endpoint = new Uri($"https://127.0.0.1:{((IPEndPoint)closed.LocalEndPoint!).Port}/");
        using var shell = new ModuleRunspace();

        var result = shell.Run($"param($Endpoint, $Secret, $Jwt) Connect-MSCommerce -Endpoint $Endpoint {signIn}{then}",
            new Hashtable { ["Endpoint"] = endpoint, ["Secret"] = ModuleRunspace.Secure(DemoData.AutomationClientSecret), ["Jwt"] = ModuleRunspace.Secure(AShapedToken) });

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ConnectionFailed,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.IsNotType<HttpRequestException>(error.Exception);
        Assert.Contains("could not be reached", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("-Proxy", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_to_a_folder_is_refused_before_the_tenant_is_read()
    {
        var folder = _files.PathOf("a-folder");
        Directory.CreateDirectory(folder);
        service.Admin.ClearRequests();

        var error = Assert.Single(_shell.Run("param($Path) Export-MSCommercePolicyBaseline -Path $Path -Force", new Hashtable { ["Path"] = folder }).Errors);

        Assert.StartsWith("BaselinePathIsFolder,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains($"'{folder}' is a folder", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(folder, error.TargetObject);
        Assert.Empty(service.Admin.Requests());
    }

    [Fact]
    public void Export_below_a_file_is_refused_before_the_tenant_is_read_naming_the_path_given()
    {
        var file = _files.Write("plain.txt", "not a folder");
        var path = Path.Combine(file, "baseline.json");
        service.Admin.ClearRequests();

        var error = Assert.Single(_shell.Run("param($Path) Export-MSCommercePolicyBaseline -Path $Path", new Hashtable { ["Path"] = path }).Errors);

        Assert.StartsWith("BaselineFolderIsFile,", error.FullyQualifiedErrorId);
        Assert.Contains($"'{path}' cannot be written", error.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(service.Admin.Requests());
    }

    [Fact]
    public void Export_over_an_existing_file_without_Force_sends_no_request()
    {
        var path = _files.Write("existing.json", "keep me");
        service.Admin.ClearRequests();

        var error = Assert.Single(_shell.Run("param($Path) Export-MSCommercePolicyBaseline -Path $Path", new Hashtable { ["Path"] = path }).Errors);

        Assert.StartsWith("BaselineFileExists,", error.FullyQualifiedErrorId);
        Assert.Empty(service.Admin.Requests());
        Assert.Equal("keep me", File.ReadAllText(path));
    }

    [Fact]
    public void Export_where_no_file_can_be_created_is_refused_before_the_tenant_is_read()
    {
        // Nobody, root included, creates files in /proc (CI runs on Linux); a folder without write access would not stop an administrator.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        const string path = "/proc/baseline.json";
        service.Admin.ClearRequests();

        var error = Assert.Single(_shell.Run("param($Path) Export-MSCommercePolicyBaseline -Path $Path", new Hashtable { ["Path"] = path }).Errors);

        Assert.StartsWith("BaselinePathNotWritable,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Contains("'/proc/baseline.json' cannot be written", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(service.Admin.Requests());
    }

    public void Dispose()
    {
        _shell.Dispose();
        _files.Dispose();
    }
}
