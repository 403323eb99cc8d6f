using System.ComponentModel.DataAnnotations;

namespace EmailConnector.Worker.Tracking;

/// <summary>
/// Where the worker serves the built-in platform's tracking endpoints (section <c>Tracking</c>; only with
/// <c>Worker:Platform</c> = Smtp). Recipients reach them through <c>Platforms:Smtp:PublicBaseUrl</c>, typically a
/// reverse proxy in front of this listener; in local mode the public base URL is this listener's URL.
/// </summary>
public sealed class TrackingOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Tracking";

    /// <summary>
    /// The listener, an absolute <c>http://host:port</c> URL without a path. Default <c>http://127.0.0.1:5080</c>,
    /// which serves the platform's default public base URL <c>http://localhost:5080</c>; empty turns it off. Port 0
    /// picks a free port.
    /// </summary>
    public string? Url { get; set; } = TrackingDefaults.Url;

    /// <summary>True when <see cref="Url"/> asks for a listener.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && !Health.HealthOptions.IsListenUrl(Url!))
        {
            yield return new ValidationResult(
                $"Tracking:Url '{Url}' must be an absolute http URL with a host and port and no path (e.g. {TrackingDefaults.Url}), or empty to turn the listener off.",
                [nameof(Url)]);
        }
    }
}

/// <summary>Defaults of <see cref="TrackingOptions"/>.</summary>
public static class TrackingDefaults
{
    public const string Url = "http://127.0.0.1:5080";
}
