using System.Collections;
using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using MSCommerce.Stub;

namespace MSCommerce.Module.Tests;

/// <summary>Every sign-in that can run against the local commerce service, through the module's real MSAL code.</summary>
[Collection(LocalServiceCollection.Name)]
public sealed class SignInTests(LocalService service)
{
    private Hashtable Common(Hashtable extra)
    {
        extra["Endpoint"] = service.BaseAddress;
        extra["TrustedCertificate"] = service.Certificate;
        return extra;
    }

    [Fact]
    public void Client_secret_signs_in_an_app_that_can_change_policies()
    {
        using var shell = new ModuleRunspace();

        var result = shell.Run($"param($Endpoint, $TrustedCertificate, $Secret) Connect-MSCommerce -Endpoint $Endpoint -TrustedCertificate $TrustedCertificate -TenantId {DemoData.ContosoDomain} -ClientId {DemoData.AutomationClientId} -ClientSecret $Secret -PassThru -Debug -Verbose; Get-MSCommercePolicies -Debug -Verbose",
            Common(new Hashtable { ["Secret"] = ModuleRunspace.Secure(DemoData.AutomationClientSecret) }));

        Assert.Empty(result.Errors);
        var connection = result.Output[0];
        Assert.Equal("MSCommerce.Connection", connection.TypeNames[0]);
        Assert.Equal("ClientSecret", connection.Properties["AuthMethod"].Value);
        Assert.Equal(DemoData.ContosoTenantId, connection.Properties["TenantId"].Value);
        Assert.Equal("AllowSelfServicePurchase", result.Output[1].Properties["PolicyId"].Value);
        Assert.DoesNotContain(DemoData.AutomationClientSecret, result.AllText);
        Assert.DoesNotMatch(@"eyJ[A-Za-z0-9_-]{10,}\.", result.AllText);
    }

    [Fact]
    public void A_wrong_client_secret_stops_Connect_with_an_AuthenticationError_that_says_why()
    {
        using var shell = new ModuleRunspace();

        var result = shell.Run($"param($Endpoint, $TrustedCertificate, $Secret) Connect-MSCommerce -Endpoint $Endpoint -TrustedCertificate $TrustedCertificate -TenantId {DemoData.ContosoDomain} -ClientId {DemoData.AutomationClientId} -ClientSecret $Secret",
            Common(new Hashtable { ["Secret"] = ModuleRunspace.Secure("not-the-secret") }));

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.StartsWith("SignInFailed,", error.FullyQualifiedErrorId);
        Assert.Contains("AADSTS7000215", error.Exception.Message);
        Assert.Empty(shell.Invoke("Get-MSCommerceConnection"));
    }

    [Fact]
    public void A_read_only_app_can_read_but_not_change()
    {
        using var shell = new ModuleRunspace();
        var credential = new PSCredential(DemoData.ReportingClientId, ModuleRunspace.Secure(DemoData.ReportingClientSecret));
        shell.Run($"param($Endpoint, $TrustedCertificate, $Credential) Connect-MSCommerce -Endpoint $Endpoint -TrustedCertificate $TrustedCertificate -TenantId {DemoData.ContosoDomain} -ClientSecretCredential $Credential",
            Common(new Hashtable { ["Credential"] = credential }));

        var read = shell.Run("Get-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP");
        var change = shell.Run("Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value Disabled");

        Assert.Single(read.Output);
        var denied = Assert.Single(change.Errors);
        Assert.Equal(ErrorCategory.PermissionDenied, denied.CategoryInfo.Category);
        Assert.Contains("Policy.ReadWrite.AllowSelfServicePurchase", denied.Exception.Message);
    }

    [Fact]
    public void A_certificate_file_signs_in_the_certificate_app()
    {
        using var shell = new ModuleRunspace();

        var result = shell.Run($"param($Endpoint, $TrustedCertificate, $Path) Connect-MSCommerce -Endpoint $Endpoint -TrustedCertificate $TrustedCertificate -TenantId {DemoData.ContosoDomain} -ClientId {DemoData.CertificateClientId} -CertificatePath $Path -PassThru",
            Common(new Hashtable { ["Path"] = service.Service.DemoAppCertificatePath }));

        Assert.Empty(result.Errors);
        Assert.Equal("Certificate", Assert.Single(result.Output).Properties["AuthMethod"].Value);
        Assert.Single(shell.Invoke("Get-MSCommercePolicies"));
    }

    [Fact]
    public void A_certificate_object_of_another_app_is_refused()
    {
        using var shell = new ModuleRunspace();
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(service.Service.DemoAppCertificatePath!, null);

        var result = shell.Run($"param($Endpoint, $TrustedCertificate, $Certificate) Connect-MSCommerce -Endpoint $Endpoint -TrustedCertificate $TrustedCertificate -TenantId {DemoData.ContosoDomain} -ClientId {DemoData.AutomationClientId} -Certificate $Certificate",
            Common(new Hashtable { ["Certificate"] = certificate }));

        Assert.Equal(ErrorCategory.AuthenticationError, Assert.Single(result.Errors).CategoryInfo.Category);
    }

    [Fact]
    public async Task Device_code_shows_the_message_through_the_host_and_signs_in_once_approved()
    {
        using var shell = new ModuleRunspace();

        var (connection, message, errors) = await SignInWithDeviceCode(shell, "", DemoData.BillingAdminUpn);

        Assert.Empty(errors);
        Assert.Matches(@"^To sign in, use a web browser to open the page https://127\.0\.0\.1:\d+/devicelogin and enter the code \w+ to authenticate\.$", message);
        Assert.Equal("DeviceCode", connection.Properties["AuthMethod"].Value);
        Assert.Equal(DemoData.BillingAdminUpn, connection.Properties["Account"].Value);
        Assert.Single(shell.Invoke("Update-MSCommerceProductPolicy -ProductId CFQ7TTC0LH05 -Value Enabled"));
    }

    private async Task<(PSObject Connection, string Message, IReadOnlyList<ErrorRecord> Errors)> SignInWithDeviceCode(ModuleRunspace shell, string extraArguments, string approvingUser)
    {
        using var powershell = shell.NewPowerShell();
        powershell.AddScript($"param($Endpoint, $TrustedCertificate) Connect-MSCommerce -Endpoint $Endpoint -TrustedCertificate $TrustedCertificate -UseDeviceCode -ContextScope Process -PassThru {extraArguments}")
            .AddParameters(Common(new Hashtable()));
        var shown = new TaskCompletionSource<string>();
        powershell.Streams.Warning.DataAdded += (_, e) => shown.TrySetResult(powershell.Streams.Warning[e.Index].Message);

        var running = Task.Factory.FromAsync(powershell.BeginInvoke(), powershell.EndInvoke);
        var message = await shown.Task.WaitAsync(TimeSpan.FromSeconds(60));
        service.Admin.Post($"_admin/device-codes/{Regex.Match(message, @"enter the code (\w+)").Groups[1].Value}/approve", new { userPrincipalName = approvingUser });
        var output = await running.WaitAsync(TimeSpan.FromSeconds(60));
        return (Assert.Single(output), message, powershell.Streams.Error.ToList());
    }

    [Fact]
    public void A_short_lived_app_token_is_renewed_silently_during_long_work()
    {
        using var shell = new ModuleRunspace();
        service.Admin.Put("_admin/settings", new { tokenLifetimeSeconds = 2 });
        try
        {
            shell.Run($"param($Endpoint, $TrustedCertificate, $Secret) Connect-MSCommerce -Endpoint $Endpoint -TrustedCertificate $TrustedCertificate -TenantId {DemoData.ContosoDomain} -ClientId {DemoData.AutomationClientId} -ClientSecret $Secret",
                Common(new Hashtable { ["Secret"] = ModuleRunspace.Secure(DemoData.AutomationClientSecret) }));
            var firstExpiry = (DateTimeOffset)shell.Invoke("(Get-MSCommerceConnection).TokenExpiresOn")[0].BaseObject;

            // The first token has expired by the time the work goes on: the service would answer 401 to it.
            var result = shell.Run("[System.Threading.Thread]::Sleep(3000); 1..3 | ForEach-Object { Get-MSCommercePolicies }");
            var laterExpiry = (DateTimeOffset)shell.Invoke("(Get-MSCommerceConnection).TokenExpiresOn")[0].BaseObject;

            Assert.Empty(result.Errors);
            Assert.Equal(3, result.Output.Count);
            Assert.True(laterExpiry > firstExpiry, $"expiry went from {firstExpiry} to {laterExpiry}");
        }
        finally
        {
            service.Admin.Put("_admin/settings", new { tokenLifetimeSeconds = 3600 });
        }
    }

    [Fact]
    public void Two_connections_to_two_tenants_work_side_by_side_in_one_runspace()
    {
        using var other = new IsolatedTenant(service);
        using var shell = new ModuleRunspace();
        var contoso = service.Admin.Token(DemoData.AdminUpn);
        var second = service.Admin.Token(other.AdminUpn, other.Domain);

        var result = shell.Run("""
            param($Endpoint, $TrustedCertificate, $A, $B)
            $first = Connect-MSCommerce -Endpoint $Endpoint -TrustedCertificate $TrustedCertificate -AccessToken $A -PassThru
            $second = Connect-MSCommerce -Endpoint $Endpoint -TrustedCertificate $TrustedCertificate -AccessToken $B -PassThru
            Update-MSCommerceProductPolicy -ProductId CFQ7TTC0J1FV -Value Disabled -Connection $second | Out-Null
            (Get-MSCommerceProductPolicy -ProductId CFQ7TTC0J1FV -Connection $first).PolicyValue
            (Get-MSCommerceProductPolicy -ProductId CFQ7TTC0J1FV).PolicyValue
            """, Common(new Hashtable { ["A"] = ModuleRunspace.Secure(contoso), ["B"] = ModuleRunspace.Secure(second) }));

        Assert.Empty(result.Errors);
        Assert.Equal(["Enabled", "Disabled"], result.Output.Select(item => item.ToString()));
    }

    [Fact]
    public void The_default_connection_belongs_to_the_runspace_not_the_process()
    {
        using var connected = new ModuleRunspace();
        using var other = new ModuleRunspace();
        connected.ConnectAsAdmin(service);

        var result = other.Run("Get-MSCommercePolicies");

        Assert.StartsWith("NotConnected,", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Single(connected.Invoke("Get-MSCommercePolicies"));
    }

    [Fact]
    public void A_partner_acts_in_a_customer_tenant_with_the_delegated_role_only()
    {
        using var shell = new ModuleRunspace();
        var partnerInCustomer = service.Admin.Token(DemoData.PartnerUpn, DemoData.ContosoDomain);
        shell.ConnectWithToken(service, partnerInCustomer);

        var connection = shell.Invoke("Get-MSCommerceConnection")[0];
        var change = shell.Run("Update-MSCommerceProductPolicy -ProductId CFQ7TTC0LH05 -Value Enabled");

        Assert.Equal(DemoData.ContosoTenantId, connection.Properties["TenantId"].Value);
        Assert.Equal(DemoData.PartnerUpn, connection.Properties["Account"].Value);
        Assert.Empty(change.Errors);
    }

    [Fact]
    public async Task A_partner_device_code_sign_in_to_the_customer_tenant_gets_a_customer_token()
    {
        using var shell = new ModuleRunspace();

        var (connection, _, errors) = await SignInWithDeviceCode(shell, $"-TenantId {DemoData.ContosoDomain}", DemoData.PartnerUpn);

        Assert.Empty(errors);
        Assert.Equal(DemoData.ContosoTenantId, connection.Properties["TenantId"].Value);
        Assert.Equal(DemoData.PartnerUpn, connection.Properties["Account"].Value);
    }

    [Fact]
    public void Disconnect_forgets_the_default_connection()
    {
        using var shell = new ModuleRunspace();
        shell.ConnectAsAdmin(service);

        shell.Invoke("Disconnect-MSCommerce -Confirm:$false");

        Assert.Empty(shell.Invoke("Get-MSCommerceConnection"));
        Assert.StartsWith("NotConnected,", Assert.Single(shell.Run("Get-MSCommercePolicies").Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Disconnect_when_not_connected_says_so_with_Verbose_and_writes_no_error()
    {
        using var shell = new ModuleRunspace();

        var verbose = shell.Run("Disconnect-MSCommerce -Verbose");
        var quiet = shell.Run("Disconnect-MSCommerce");

        Assert.Empty(verbose.Errors);
        Assert.Equal(["Not connected: nothing to disconnect."], verbose.Verbose);
        Assert.Empty(quiet.Errors);
        Assert.Empty(quiet.Verbose);
        Assert.Empty(quiet.Output);
    }

    [Fact]
    public void Remove_Module_forgets_the_default_connection_so_that_the_module_imported_again_starts_signed_out()
    {
        using var shell = new ModuleRunspace();
        shell.ConnectAsAdmin(service);
        Assert.NotEmpty(shell.Invoke("Get-MSCommerceConnection"));

        shell.Invoke("param($Manifest) Remove-Module SelfServicePurchase; Import-Module $Manifest", new Hashtable { ["Manifest"] = shell.ManifestPath });

        Assert.Empty(shell.Invoke("Get-MSCommerceConnection"));
        Assert.StartsWith("NotConnected,", Assert.Single(shell.Run("Get-MSCommercePolicies").Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Disconnect_with_the_default_connection_passed_by_Connection_ends_it_for_every_use_and_a_second_disconnect_is_harmless()
    {
        using var shell = new ModuleRunspace();
        const string script = """
            param($Endpoint, $AccessToken, $Certificate)
            $c = Connect-MSCommerce -Endpoint $Endpoint -AccessToken $AccessToken -TrustedCertificate $Certificate -PassThru
            $uses = { Get-MSCommercePolicies -Connection $c -ErrorAction Stop }, { Get-MSCommercePolicies -ErrorAction Stop }, { Get-MSCommerceProductPolicies -Connection $c -ErrorAction Stop }
            Disconnect-MSCommerce -Connection $c -Confirm:$false
            foreach ($use in $uses) { try { $null = & $use; "worked: $use" } catch { $_ } }
            Disconnect-MSCommerce -Connection $c -Confirm:$false
            Disconnect-MSCommerce -Confirm:$false
            foreach ($use in $uses) { try { $null = & $use; "worked: $use" } catch { $_ } }
            Get-MSCommerceConnection
            """;

        var result = shell.Run(script, new Hashtable { ["Endpoint"] = service.BaseAddress, ["AccessToken"] = ModuleRunspace.Secure(service.Admin.Token(DemoData.AdminUpn)), ["Certificate"] = service.Certificate });

        Assert.Empty(result.Errors);
        Assert.Equal(6, result.Output.Count);
        Assert.All(result.Output, item =>
        {
            var error = Assert.IsType<ErrorRecord>(item.BaseObject);
            Assert.StartsWith("NotConnected,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal("You must call the Connect-MSCommerce cmdlet before calling any other cmdlets.", error.Exception.Message);
        });
    }

    [Fact]
    public void Get_MSCommerceConnection_shows_account_tenant_method_endpoint_and_expiry_but_never_the_token()
    {
        using var shell = new ModuleRunspace();
        var token = service.Admin.Token(DemoData.AdminUpn);
        shell.ConnectWithToken(service, token);

        shell.Invoke("Get-MSCommerceConnection | Out-Default");
        var connection = shell.Invoke("Get-MSCommerceConnection")[0];

        Assert.Equal(DemoData.AdminUpn, connection.Properties["Account"].Value);
        Assert.Equal("AccessToken", connection.Properties["AuthMethod"].Value);
        Assert.Equal(service.BaseAddress, connection.Properties["Endpoint"].Value);
        Assert.NotNull(connection.Properties["TokenExpiresOn"].Value);
        Assert.DoesNotContain(connection.Properties, property => property.Value?.ToString()?.Contains(token[..20], StringComparison.Ordinal) == true);
        Assert.DoesNotContain(token[..20], shell.ConsoleText);
        Assert.Contains("AuthMethod", shell.ConsoleText);
    }
}
