using System.Text.Json;
using System.Text.Json.Serialization;
using EmailConnector.Dataverse.Resilience;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
    ILogger<HealthEndpoint> logger) : KestrelListener
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public HealthReport Report() =>
        HealthReport.Create(time.GetUtcNow(), monitor.Current, monitor.LastRefreshError, status, dataverse.Snapshot(), options.Value);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
            return;

        var address = await ListenAsync(options.Value.Url!, _ => { }, app => app.MapGet("/health", () =>
        {
            var report = Report();
            return Results.Json(report, Json, statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
        }), cancellationToken).ConfigureAwait(false);
        Log.HealthEndpointStarted(logger, address);
    }
}
