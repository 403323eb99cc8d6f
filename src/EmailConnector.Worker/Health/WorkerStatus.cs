using System.Collections.Concurrent;

namespace EmailConnector.Worker.Health;

/// <summary>
/// What this process knows in memory about its recent work: per activity key (an operation such as
/// <c>TransferRecipients</c>, or a feed) the last success and the last error. Errors are kept as exception type names
/// only: messages can carry addresses or names.
/// </summary>
public sealed class WorkerStatus
{
    private readonly ConcurrentDictionary<string, ActivityStatus> _activities = new(StringComparer.Ordinal);

    public void Succeeded(string key, DateTimeOffset at) =>
        _activities.AddOrUpdate(key, _ => new ActivityStatus(at, null, null), (_, old) => old with { LastSuccessAt = at });

    public void Failed(string key, DateTimeOffset at, string errorType) =>
        _activities.AddOrUpdate(key, _ => new ActivityStatus(null, at, errorType), (_, old) => old with { LastErrorAt = at, LastErrorType = errorType });

    /// <summary>Every key seen so far, ordered by key.</summary>
    public IReadOnlyList<KeyValuePair<string, ActivityStatus>> Snapshot() =>
        [.. _activities.OrderBy(a => a.Key, StringComparer.Ordinal)];
}

/// <summary>The last success and the last error of one operation or feed.</summary>
public sealed record ActivityStatus(DateTimeOffset? LastSuccessAt, DateTimeOffset? LastErrorAt, string? LastErrorType);
