using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Smtp;
using EmailConnector.Platforms.Smtp.Tracking;
using EmailConnector.Worker.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmailConnector.Worker.Tracking;

/// <summary>
/// A Kestrel listener of its own (the health listener stays on loopback; this one faces recipients, usually behind a
/// reverse proxy) serving the built-in platform's open pixel, click redirects and unsubscribe pages, with the worker's
/// platform instance, so events land in the store the worker reads its reaction feeds from.
/// </summary>
public sealed class TrackingListener(
    IOptions<TrackingOptions> options,
    IOptions<SmtpPlatformOptions> platformOptions,
    IServiceProvider services,
    ILogger<TrackingListener> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The address the listener is bound to (the real port when configured with port 0), or null when off.</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The endpoints belong to the built-in platform instance; a host that registered another platform has none to serve.
        if (!options.Value.Enabled || services.GetService<IEmailPlatform>() is not SmtpEmailPlatform)
            return;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(TrackingListener).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.Value.Url!);
        builder.Services.AddSmtpPlatformTrackingFrom(services);
        var app = builder.Build();
        app.MapSmtpPlatformTracking();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        Address = new Uri(app.Urls.First());
        LocalLog.TrackingListening(logger, Address, platformOptions.Value.PublicBaseUrl);
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
    }
}
