using System.Collections.Concurrent;

namespace EmailConnector.Platforms.Dotdigital.Double;

/// <summary>What reached the double: requests per operation, throttling answers, faults. Thread-safe.</summary>
public sealed class DoubleStatistics
{
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private int _throttled;
    private int _legacyThrottled;
    private int _faults;

    public IReadOnlyDictionary<string, int> RequestsByRoute => new Dictionary<string, int>(_requests);

    public int Requests => _requests.Values.Sum();

    /// <summary>429 answers of the tiered scheme.</summary>
    public int Throttled => _throttled;

    /// <summary>400 ERROR_APIUSAGE_EXCEEDED answers of the flat scheme.</summary>
    public int LegacyThrottled => _legacyThrottled;

    public int Faults => _faults;

    internal void Request(string route) => _requests.AddOrUpdate(route, 1, (_, n) => n + 1);

    internal void ThrottledAnswer(bool legacy)
    {
        if (legacy)
            Interlocked.Increment(ref _legacyThrottled);
        else
            Interlocked.Increment(ref _throttled);
    }

    internal void Fault() => Interlocked.Increment(ref _faults);
}
