using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MSCommerce.Stub.Api;
using MSCommerce.Stub.Data;

namespace MSCommerce.Stub;

/// <summary>The local commerce service, started in this process; stop it by disposing it.</summary>
public sealed class CommerceService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CommerceService(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the service listens, e.g. http://127.0.0.1:49152/.</summary>
    public Uri BaseAddress { get; }

    public static async Task<CommerceService> StartAsync(CommerceServiceOptions options, CancellationToken cancellationToken = default)
    {
        var database = new CommerceDatabase(options.DatabasePath);
        database.Migrate();
        database.SeedCatalog();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton<ProductPolicyStore>();

        var app = builder.Build();
        app.UseCorrelationIds();
        app.UseBearerTokens();
        app.MapProductPolicies();

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CommerceService(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
