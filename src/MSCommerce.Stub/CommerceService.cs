using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MSCommerce.Stub.Api;
using MSCommerce.Stub.Data;
using MSCommerce.Stub.Hosting;
using MSCommerce.Stub.Identity;
using MSCommerce.Stub.Identity.Endpoints;
using MSCommerce.Stub.Identity.SignIn;
using MSCommerce.Stub.Rules;
using MSCommerce.Stub.Seeding;
using MSCommerce.Stub.Testing;

namespace MSCommerce.Stub;

/// <summary>The local commerce service, started in this process; stop it by disposing it.</summary>
public sealed class CommerceService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CommerceService(WebApplication app, Uri baseAddress, X509Certificate2 certificate, string certificatePath, string? demoCertificatePath)
    {
        _app = app;
        BaseAddress = baseAddress;
        Certificate = certificate;
        CertificatePath = certificatePath;
        DemoAppCertificatePath = demoCertificatePath;
    }

    /// <summary>Where the service listens, e.g. https://127.0.0.1:49152/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The service's TLS certificate: clients trust exactly this one.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate as a .cer file beside the database, for PowerShell users to trust.</summary>
    public string CertificatePath { get; }

    /// <summary>Cancelled when the host is asked to stop (Ctrl+C, SIGTERM).</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>With the demo seed: the .pfx (no password) of the demo app registered for certificate sign-in.</summary>
    public string? DemoAppCertificatePath { get; }

    /// <summary>Every route it serves, as "METHOD /pattern": "PUT /v1.0/policies/{policyId}/products/{productId}".</summary>
    public IReadOnlyList<string> Routes =>
        _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} /{endpoint.RoutePattern.RawText?.Trim('/')}"))
            .ToList();

    public static async Task<CommerceService> StartAsync(CommerceServiceOptions options, CancellationToken cancellationToken = default)
    {
        var database = new CommerceDatabase(options.DatabasePath);
        database.Migrate();
        var certificate = ServiceCertificate.LoadOrCreate(database.Path, out var certificatePath);
        var endpoint = ListenEndpoint(options.Urls);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // The service reads no file from the folder it starts in. By default that folder is the content root and
            // appsettings.json there is watched for changes, which puts an inotify watch on every folder below it:
            // 18,000 from a home folder, half a CPU-second, and past the limit of many Linux machines a failed start.
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            kestrel.Listen(endpoint, listen => listen.UseHttps(certificate));
        });
        var settings = new ServiceSettings
        {
            TokenLifetime = options.TokenLifetime, Latency = options.Latency, RateLimitPerSecond = options.RateLimitPerSecond,
            LockoutThreshold = options.LockoutThreshold, LockoutDuration = options.LockoutDuration,
        };
        var clock = new ServiceClock();
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(SigningKey.LoadOrCreate(database.Path + ".signing-key.pem"));
        builder.Services.AddSingleton<IssuerNames>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<TokenValidator>();
        builder.Services.AddSingleton(new DeviceCodeLimits(options.DeviceCodesPerTenant, options.DeviceCodes));
        builder.Services.AddSingleton<DeviceCodes>();
        builder.Services.AddSingleton<DeviceCodeStartRules>();
        builder.Services.AddSingleton<SecretLockout>();
        builder.Services.AddSingleton<RefreshTokens>();
        builder.Services.AddSingleton<TenantAuthority>();
        builder.Services.AddSingleton<PartnerDelegation>();
        builder.Services.AddSingleton<IdTokens>();
        builder.Services.AddSingleton<UserSignIn>();
        builder.Services.AddSingleton<FederatedCredentialStore>();
        builder.Services.AddSingleton(services => new ExternalIssuerKeys(certificate, services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<FederatedAssertion>();
        builder.Services.AddSingleton<ApplicationSignIn>();
        builder.Services.AddSingleton<DeviceCodeRedemption>();
        builder.Services.AddSingleton<RefreshTokenRedemption>();
        builder.Services.AddSingleton<TokenGrants>();
        builder.Services.AddSingleton<AuthorizationCodes>();
        builder.Services.AddSingleton<BrowserSessions>();
        builder.Services.AddSingleton<ClientRedirects>();
        builder.Services.AddSingleton<BrowserSignIn>();
        builder.Services.AddSingleton<PasswordSignIn>();
        builder.Services.AddSingleton<AuthorizationCodeRedemption>();
        builder.Services.AddSingleton<DirectoryStore>();
        builder.Services.AddSingleton<PartnerRelationships>();
        builder.Services.AddSingleton<AppConsents>();
        builder.Services.AddSingleton<CustomerRelationships>();
        builder.Services.AddSingleton<ProductPolicyStore>();
        builder.Services.AddSingleton<PurchaseStore>();
        builder.Services.AddSingleton<PurchaseAudit>();
        builder.Services.AddSingleton<TakeOverRecords>();
        builder.Services.AddSingleton<PurchaseSeeder>();
        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddSingleton<FaultInjector>();
        if (options.EnableTestControls)
        {
            builder.Services.AddSingleton(new RequestLog(options.RequestLogCapacity));
        }

        builder.Services.AddSingleton<TenantRateLimiter>();
        builder.Services.AddSingleton<ManagedIdentityHeader>();
        builder.Services.AddSingleton(services => new CiIssuer(services.GetRequiredService<IssuerNames>(), services.GetRequiredService<TimeProvider>(), database.Path + ".ci-issuer-key.pem"));

        var app = builder.Build();
        app.UseCorrelationIds();
        app.UseApiPipeline();
        app.MapPolicies();
        app.MapPurchases();
        app.MapTakeOvers();
        app.MapOrganizationSubscriptions();
        app.MapDirectorySubscriptions();
        app.MapDelegatedAdmin();
        app.MapIdentity();
        if (options.EnableTestControls)
        {
            app.MapAdmin();
            app.MapPurchaseAdmin();
            app.MapFederatedCredentialAdmin();
            app.MapCiIssuer();
            app.MapManagedIdentity();
            app.MapPartnerAdmin();
        }

        var store = app.Services.GetRequiredService<ProductPolicyStore>();
        string? demoCertificate = null;
        if (options.Seed == "demo")
        {
            demoCertificate = app.Services.GetRequiredService<DemoSeeder>().Seed(database.Path, options.SeedProducts, options.SeedPurchases, options.SeedCustomers);
        }
        else
        {
            store.AddProducts(Catalog.Products);
        }

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseAddress = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        app.Services.GetRequiredService<IssuerNames>().BaseAddress = baseAddress;
        if (options.Seed == "demo")
        {
            // The demo pipeline apps trust this service's own CI issuer, whose address is known only now.
            app.Services.GetRequiredService<DemoSeeder>().TrustLocalCiIssuer(app.Services.GetRequiredService<IssuerNames>().CiIssuer);
        }

        return new CommerceService(app, baseAddress, certificate, certificatePath, demoCertificate);
    }

    /// <summary>The service's own objects, for tests that check what it keeps in memory.</summary>
    internal IServiceProvider Services => _app.Services;

    public async ValueTask DisposeAsync()
    {
        var database = _app.Services.GetRequiredService<CommerceDatabase>();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
        // Pooled connections would keep the database files open (locked, on Windows) after the service stops.
        database.ReleaseConnections();
    }

    private static IPEndPoint ListenEndpoint(string urls)
    {
        var uri = new Uri(urls.Split(';')[0]);
        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"The service listens on HTTPS only (MSAL requires it): {urls}");
        }

        var address = uri.Host is "localhost" ? IPAddress.Loopback : IPAddress.Parse(uri.Host);
        if (!IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"The service binds to loopback only, not {uri.Host}.");
        }

        return new IPEndPoint(address, uri.Port);
    }
}
