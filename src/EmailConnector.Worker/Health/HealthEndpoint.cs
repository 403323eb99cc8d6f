using System.Text.Json;
using System.Text.Json.Serialization;
using EmailConnector.Dataverse.Resilience;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmailConnector.Worker.Health;

/// <summary>
/// A small Kestrel listener serving <c>GET /health</c> (200 when Healthy or Degraded, 503 when Unhealthy). It runs
/// inside the worker's host; <c>Health:Url</c> empty turns it off.
/// </summary>
public sealed class HealthEndpoint(
    IOptions<HealthOptions> options,
    QueueMonitor monitor,
    WorkerStatus status,
    DataverseMetrics dataverse,
    TimeProvider time,
    ILogger<HealthEndpoint> logger) : IHostedService, IAsyncDisposable
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private WebApplication? _app;

    /// <summary>The address the listener is bound to (the real port when configured with port 0), or null when off.</summary>
    public Uri? Address { get; private set; }

    public HealthReport Report() =>
        HealthReport.Create(time.GetUtcNow(), monitor.Current, monitor.LastRefreshError, status, dataverse.Snapshot(), options.Value);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
            return;

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(HealthEndpoint).Assembly.GetName().Name });
        // The worker's own logging covers the endpoint; ASP.NET's per-request logs would only add noise.
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.Value.Url!);
        var app = builder.Build();
        app.MapGet("/health", () =>
        {
            var report = Report();
            return Results.Json(report, Json, statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        Address = new Uri(app.Urls.First());
        Log.HealthEndpointStarted(logger, Address);
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
