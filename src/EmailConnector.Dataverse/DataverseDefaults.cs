namespace EmailConnector.Dataverse;

/// <summary>The defaults of <see cref="DataverseOptions"/>, in one place (see docs/configuration.md).</summary>
public static class DataverseDefaults
{
    /// <summary>The Web API version in the service root.</summary>
    public const string ApiVersion = "v9.2";

    /// <summary>The public Entra ID instance.</summary>
    public const string EntraInstance = "https://login.microsoftonline.com/";

    /// <summary>Rows per page (Dataverse's maximum and default).</summary>
    public const int MaxPageSize = 5000;

    /// <summary>
    /// Requests per <c>$batch</c>. Microsoft advises small batches (every request inside counts against the service
    /// protection limits, and a large batch can exhaust the execution-time limit), so the default is well below the
    /// hard limit of 1,000.
    /// </summary>
    public const int BatchSize = 100;

    /// <summary>
    /// Targets per <c>CreateMultiple</c>/<c>UpdateMultiple</c>/<c>UpsertMultiple</c> call. One bulk call is one
    /// request to the service protection limits whatever its size, and Microsoft sets no target count for standard
    /// tables (only the payload size and the request time bound it; 100 to 1,000 is the practical range), so the
    /// default is the top of that range: one call per table for a page of 1,000 reaction events.
    /// </summary>
    public const int BulkSize = 1000;

    /// <summary>Concurrent requests: just inside the per-user limit of 52.</summary>
    public const int MaxConcurrency = 48;

    /// <summary>Requests per window: just inside the per-user limit of 6,000 per 5 minutes.</summary>
    public const int RequestsPerWindow = 5800;

    /// <summary>The service protection window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>Retries of one call (throttled or transient) before it fails.</summary>
    public const int MaxRetryAttempts = 8;

    /// <summary>The first backoff of a transient retry (doubled each time, with jitter).</summary>
    public static readonly TimeSpan RetryBaseDelay = TimeSpan.FromSeconds(2);

    /// <summary>The time one attempt may take, as the SDK's ServiceClient default.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(2);
}
