using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EmailConnector.Worker;

/// <summary>
/// A small Kestrel application of its own inside the worker's host (the health endpoint, the tracking endpoints): its
/// own URL and routes, started and stopped with the host.
/// </summary>
public abstract class KestrelListener : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The address the listener is bound to (the real port when configured with port 0), or null when off.</summary>
    public Uri? Address { get; private set; }

    public abstract Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Builds and starts the application on <paramref name="url"/>; returns the bound address.</summary>
    protected async Task<Uri> ListenAsync(string url, Action<IServiceCollection> configureServices, Action<WebApplication> map, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = GetType().Assembly.GetName().Name });
        // The worker's own logging covers the listener; ASP.NET's per-request logs would only add noise.
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        configureServices(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        Address = new Uri(app.Urls.First());
        return Address;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync().ConfigureAwait(false);
        _app = null;
        GC.SuppressFinalize(this);
    }
}
