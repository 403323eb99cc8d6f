using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Smtp;
using EmailConnector.Platforms.Smtp.Tracking;
using EmailConnector.Worker.Local;
using Microsoft.Extensions.DependencyInjection;
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
    ILogger<TrackingListener> logger) : KestrelListener
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The endpoints belong to the built-in platform instance (the default one or a platform account's); a host
        // without it has none to serve.
        if (!options.Value.Enabled || services.GetService<SmtpEmailPlatform>() is null)
            return;

        var address = await ListenAsync(options.Value.Url!, listener => listener.AddSmtpPlatformTrackingFrom(services), app => app.MapSmtpPlatformTracking(), cancellationToken).ConfigureAwait(false);
        LocalLog.TrackingListening(logger, address, platformOptions.Value.PublicBaseUrl);
    }
}
