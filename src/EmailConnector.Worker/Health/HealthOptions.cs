using System.ComponentModel.DataAnnotations;

namespace EmailConnector.Worker.Health;

/// <summary>The health endpoint and the queue snapshot behind it and the queue gauges (section <c>Health</c>).</summary>
public sealed class HealthOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Health";

    /// <summary>
    /// Where the endpoint listens, an absolute <c>http://host:port</c> URL without a path. Default
    /// <c>http://127.0.0.1:8081</c> (loopback only); empty turns the endpoint off. Port 0 picks a free port.
    /// </summary>
    public string? Url { get; set; } = WorkerDefaults.HealthUrl;

    /// <summary>How often the queue counts are read from Dataverse (scrapes never query). Default 00:00:30.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan QueueRefreshInterval { get; set; } = WorkerDefaults.QueueRefreshInterval;

    /// <summary>An oldest pending request older than this makes the worker Degraded. Default 00:30:00.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan DegradedPendingAge { get; set; } = WorkerDefaults.DegradedPendingAge;

    /// <summary>A queue snapshot older than this (Dataverse unreadable) makes the worker Unhealthy. Default 00:05:00.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan UnhealthySnapshotAge { get; set; } = WorkerDefaults.UnhealthySnapshotAge;

    /// <summary>True when <see cref="Url"/> asks for an endpoint.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && !IsListenUrl(Url!))
        {
            yield return new ValidationResult(
                $"Health:Url '{Url}' must be an absolute http URL with a host and port and no path (e.g. {WorkerDefaults.HealthUrl}), or empty to turn the endpoint off.",
                [nameof(Url)]);
        }

        if (UnhealthySnapshotAge < QueueRefreshInterval)
            yield return new ValidationResult("Health:UnhealthySnapshotAge must not be shorter than Health:QueueRefreshInterval.", [nameof(UnhealthySnapshotAge)]);
    }

    // Kestrel serves https only with a certificate, which a loopback probe endpoint does not need.
    internal static bool IsListenUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttp
        && !string.IsNullOrEmpty(uri.Host)
        && uri.AbsolutePath == "/"
        && string.IsNullOrEmpty(uri.Query)
        && string.IsNullOrEmpty(uri.Fragment)
        && string.IsNullOrEmpty(uri.UserInfo)
        && url.TrimEnd('/').LastIndexOf(':') > url.IndexOf("//", StringComparison.Ordinal);
}
