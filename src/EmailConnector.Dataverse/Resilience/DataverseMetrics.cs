using System.Diagnostics.Metrics;

namespace EmailConnector.Dataverse.Resilience;

/// <summary>
/// Throttling and retry counters on the <c>EmailConnector.Dataverse</c> meter, plus a snapshot of the totals for the
/// worker's health endpoint.
/// </summary>
public sealed class DataverseMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "EmailConnector.Dataverse";

    private readonly Counter<long> _throttled;
    private readonly Counter<long> _retries;
    private readonly Histogram<double> _retryDelay;
    private readonly Counter<long> _budgetWaits;
    private readonly Histogram<double> _budgetWaitTime;
    private long _throttledTotal;
    private long _retryTotal;
    private long _budgetWaitTotal;
    private long _lastThrottledTicks;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public DataverseMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _throttled = meter.CreateCounter<long>("emailconnector.dataverse.throttled", "{response}",
            "HTTP 429 responses from the service protection limits, by Dataverse error code.");
        _retries = meter.CreateCounter<long>("emailconnector.dataverse.retries", "{retry}",
            "Calls repeated by the resilience pipeline, by reason (throttled or transient).");
        _retryDelay = meter.CreateHistogram<double>("emailconnector.dataverse.retry.delay", "s",
            "Time waited before a retry; for throttled calls the server's Retry-After.");
        _budgetWaits = meter.CreateCounter<long>("emailconnector.dataverse.budget.waits", "{wait}",
            "Calls held back by the client-side request budget, by reason (paused, concurrency, rate).");
        _budgetWaitTime = meter.CreateHistogram<double>("emailconnector.dataverse.budget.wait", "s",
            "Time a call waited for the client-side request budget.");
    }

    /// <summary>The totals so far.</summary>
    public DataverseMetricsSnapshot Snapshot() => new(
        Interlocked.Read(ref _throttledTotal),
        Interlocked.Read(ref _retryTotal),
        Interlocked.Read(ref _budgetWaitTotal),
        Interlocked.Read(ref _lastThrottledTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null);

    internal void Throttled(string? errorCode, DateTimeOffset at)
    {
        Interlocked.Increment(ref _throttledTotal);
        Interlocked.Exchange(ref _lastThrottledTicks, at.UtcTicks);
        _throttled.Add(1, new KeyValuePair<string, object?>("code", errorCode ?? "none"));
    }

    internal void Retry(RetryReason reason, TimeSpan delay)
    {
        Interlocked.Increment(ref _retryTotal);
        var tag = new KeyValuePair<string, object?>("reason", reason == RetryReason.Throttled ? "throttled" : "transient");
        _retries.Add(1, tag);
        _retryDelay.Record(delay.TotalSeconds, tag);
    }

    internal void BudgetWait(string reason, TimeSpan wait)
    {
        Interlocked.Increment(ref _budgetWaitTotal);
        var tag = new KeyValuePair<string, object?>("reason", reason);
        _budgetWaits.Add(1, tag);
        _budgetWaitTime.Record(wait.TotalSeconds, tag);
    }
}

/// <summary>Totals of the Dataverse client's throttling and retries.</summary>
/// <param name="Throttled">429 responses received.</param>
/// <param name="Retries">Calls repeated (throttled or transient).</param>
/// <param name="BudgetWaits">Calls held back by the client-side budget.</param>
/// <param name="LastThrottledAt">When the last 429 arrived, or null.</param>
public sealed record DataverseMetricsSnapshot(long Throttled, long Retries, long BudgetWaits, DateTimeOffset? LastThrottledAt);
