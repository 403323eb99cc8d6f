using EmailConnector.Dataverse.Resilience;

namespace EmailConnector.Worker.Health;

/// <summary>The worker's overall state on <c>/health</c>.</summary>
public enum HealthStatus
{
    Healthy,
    Degraded,
    Unhealthy,
}

/// <summary>The body of <c>/health</c>: counts, times and error type names only, never personal data.</summary>
public sealed record HealthReport(
    HealthStatus Status,
    IReadOnlyList<string> Reasons,
    DateTimeOffset CheckedAt,
    QueueReport? Queue,
    IReadOnlyList<ActivityReport> Activities,
    DataverseReport Dataverse)
{
    /// <summary>Builds the report from what the worker holds in memory; no Dataverse call.</summary>
    public static HealthReport Create(
        DateTimeOffset now, QueueSnapshot? snapshot, string? lastRefreshError, WorkerStatus status, DataverseMetricsSnapshot dataverse, HealthOptions options)
    {
        var unhealthy = new List<string>();
        var degraded = new List<string>();
        if (snapshot is null)
        {
            if (lastRefreshError is not null)
                unhealthy.Add($"The queue could not be read ({lastRefreshError}).");
            else
                degraded.Add("The queue has not been read yet.");
        }
        else
        {
            var age = now - snapshot.TakenAt;
            if (age > options.UnhealthySnapshotAge)
                unhealthy.Add($"The queue was last read {Seconds(age)} s ago ({lastRefreshError ?? "no refresh"}).");
            if (snapshot.Parked > 0)
                degraded.Add($"{snapshot.Parked} request(s) parked.");
            if (snapshot.OldestPendingAge > options.DegradedPendingAge)
                degraded.Add($"The oldest pending request is {Seconds(snapshot.OldestPendingAge)} s old.");
        }

        var state = unhealthy.Count > 0 ? HealthStatus.Unhealthy : degraded.Count > 0 ? HealthStatus.Degraded : HealthStatus.Healthy;
        return new HealthReport(
            state,
            [.. unhealthy, .. degraded],
            now,
            snapshot is null ? null : new QueueReport(snapshot.TakenAt, snapshot.Depth, snapshot.Pending, snapshot.InProgress, snapshot.Parked, Seconds(snapshot.OldestPendingAge)),
            [.. status.Snapshot().Select(a => new ActivityReport(a.Key, a.Value.LastSuccessAt, a.Value.LastErrorAt, a.Value.LastErrorType))],
            new DataverseReport(dataverse.Throttled, dataverse.Retries, dataverse.BudgetWaits, dataverse.LastThrottledAt));
    }

    private static long Seconds(TimeSpan span) => (long)Math.Floor(span.TotalSeconds);
}

/// <summary>The queue at the last snapshot.</summary>
public sealed record QueueReport(DateTimeOffset SnapshotAt, int Depth, int Pending, int InProgress, int Parked, long OldestPendingAgeSeconds);

/// <summary>The last success and error of one operation or feed.</summary>
public sealed record ActivityReport(string Name, DateTimeOffset? LastSuccessAt, DateTimeOffset? LastErrorAt, string? LastErrorType);

/// <summary>The Dataverse client's throttling totals since start.</summary>
public sealed record DataverseReport(long Throttled, long Retries, long BudgetWaits, DateTimeOffset? LastThrottledAt);
