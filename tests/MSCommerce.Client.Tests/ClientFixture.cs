using System.Collections.Concurrent;
using MSCommerce.Client;
using MSCommerce.Client.Auth;
using MSCommerce.Client.Http;
using MSCommerce.Stub;

namespace MSCommerce.Client.Tests;

/// <summary>The kit's local service, and clients of it signed in as the demo read-write app through MSAL.</summary>
public sealed class ClientFixture : LocalService
{
    public CommerceClient NewClient(Action<CommerceClientOptions>? configure = null)
    {
        var options = new CommerceClientOptions
        {
            Endpoint = BaseAddress,
            AuthorityHost = BaseAddress,
            TrustedCertificate = Certificate,
            BaseRetryDelay = TimeSpan.FromMilliseconds(20),
        };
        configure?.Invoke(options);
        var signIn = new SignInOptions { TenantId = DemoData.ContosoDomain, ClientId = DemoData.AutomationClientId };
        return CommerceConnector.ConnectAsync(options, SignIn.WithClientSecret(signIn, DemoData.AutomationClientSecret), null, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>A fault the service injects through its test controls, until it has struck as often as it says.</summary>
    public void Fault(object fault) => Admin.Fault(fault);

    public void ClearFaults() => Admin.ClearFaults();

    /// <summary>A user of the demo tenant leaves the organisation (deleted through the test controls).</summary>
    public void DeleteUser(string userPrincipalName) => Admin.Delete($"_admin/tenants/{DemoData.ContosoDomain}/users/{userPrincipalName}");
}

/// <summary>Collects the narration of calls, as the cmdlets' -Verbose does.</summary>
public sealed class RecordingObserver : IHttpCallObserver
{
    public ConcurrentQueue<HttpCallEvent> Calls { get; } = new();

    public bool WantsDebug => false;

    public void OnCall(HttpCallEvent call) => Calls.Enqueue(call);

    public void OnDebug(string message)
    {
    }
}
