using System.Diagnostics;
using System.Diagnostics.Metrics;
using EmailConnector.Schema;

namespace EmailConnector.Worker.Health;

/// <summary>How a request attempt ended, as the metrics and the health report name it.</summary>
public enum RequestOutcome
{
    Succeeded,
    Retried,
    Parked,
}

/// <summary>
/// The instruments on the <c>EmailConnector.Worker</c> meter (names are stable; docs/worker.md lists them). The queue
/// gauges read <see cref="QueueMonitor"/>'s last snapshot, so a scrape never queries Dataverse.
/// </summary>
public sealed class WorkerMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "EmailConnector.Worker";

    public const string RequestsName = "emailconnector.worker.requests";
    public const string RequestDurationName = "emailconnector.worker.request.duration";
    public const string QueueDepthName = "emailconnector.worker.queue.depth";
    public const string OldestPendingAgeName = "emailconnector.worker.queue.oldest_pending.age";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;

    public WorkerMetrics(IMeterFactory meterFactory, QueueMonitor monitor)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(monitor);
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>(RequestsName, "{request}",
            "Request attempts finished, by operation and outcome (succeeded, retried, parked).");
        _duration = meter.CreateHistogram<double>(RequestDurationName, "s",
            "Time from claim to outcome of a request attempt, by operation and outcome.");
        meter.CreateObservableGauge(QueueDepthName, () => Depth(monitor.Current), "{request}",
            "Requests in the queue by state (pending, in_progress, parked) at the last snapshot.");
        meter.CreateObservableGauge(OldestPendingAgeName, () => OldestPendingAge(monitor), "s",
            "Age of the oldest pending request at the last snapshot; 0 when none is pending.");
    }

    public void RequestFinished(SyncOperation operation, RequestOutcome outcome, TimeSpan duration)
    {
        var tags = new TagList
        {
            { "operation", operation.ToString() },
            { "outcome", Tag(outcome) },
        };
        _requests.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }

    internal static string Tag(RequestOutcome outcome) => outcome switch
    {
        RequestOutcome.Succeeded => "succeeded",
        RequestOutcome.Retried => "retried",
        RequestOutcome.Parked => "parked",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    private static IEnumerable<Measurement<long>> Depth(QueueSnapshot? snapshot)
    {
        if (snapshot is null)
            return [];
        return
        [
            new(snapshot.Pending, new KeyValuePair<string, object?>("state", "pending")),
            new(snapshot.InProgress, new KeyValuePair<string, object?>("state", "in_progress")),
            new(snapshot.Parked, new KeyValuePair<string, object?>("state", "parked")),
        ];
    }

    private static IEnumerable<Measurement<double>> OldestPendingAge(QueueMonitor monitor) =>
        monitor.Current is { } snapshot ? [new(snapshot.OldestPendingAge.TotalSeconds)] : [];
}
