namespace EmailConnector.Platforms.Dotdigital.Http;

/// <summary>Counts of what the adapter did on the wire, for health reports and benchmarks. Thread-safe.</summary>
public sealed class DotdigitalCallStatistics
{
    private long _requests;
    private long _throttled;
    private long _legacyThrottled;
    private long _throttleRetries;
    private long _transientRetries;
    private long _proactiveWaits;
    private long _waitedTicks;

    /// <summary>HTTP requests sent (every attempt).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>429 answers.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    /// <summary>400 ERROR_APIUSAGE_EXCEEDED answers (flat legacy scheme).</summary>
    public long LegacyThrottled => Interlocked.Read(ref _legacyThrottled);

    /// <summary>Requests repeated after a throttling answer.</summary>
    public long ThrottleRetries => Interlocked.Read(ref _throttleRetries);

    /// <summary>Idempotent requests repeated after a transient failure.</summary>
    public long TransientRetries => Interlocked.Read(ref _transientRetries);

    /// <summary>Requests held back because the rate-limit headers said the tier was used up.</summary>
    public long ProactiveWaits => Interlocked.Read(ref _proactiveWaits);

    /// <summary>Total time spent waiting for rate limits and backoff.</summary>
    public TimeSpan Waited => TimeSpan.FromTicks(Interlocked.Read(ref _waitedTicks));

    internal void Request() => Interlocked.Increment(ref _requests);

    internal void ThrottledAnswer(bool legacy) => Interlocked.Increment(ref legacy ? ref _legacyThrottled : ref _throttled);

    internal void ThrottleRetry() => Interlocked.Increment(ref _throttleRetries);

    internal void TransientRetry() => Interlocked.Increment(ref _transientRetries);

    internal void ProactiveWait() => Interlocked.Increment(ref _proactiveWaits);

    internal void AddWait(TimeSpan wait) => Interlocked.Add(ref _waitedTicks, wait.Ticks);
}
