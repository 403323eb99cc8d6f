using System.Diagnostics.Metrics;
using EmailConnector.Schema;
using EmailConnector.Worker.Health;
using EmailConnector.Worker.Operations;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace EmailConnector.Worker.Tests.Health;

public sealed class WorkerMetricsTests
{
    [Fact]
    public async Task RequestFinished_WhenQueueProcessesRequests_CountsByOperationAndOutcome()
    {
        await using var front = await WorkerFront.StartAsync();
        front.EmailActivity("Fails once");
        front.EmailActivity("Parks");
        front.EmailActivity("Succeeds");
        var handler = new ScriptedHandler(SyncOperation.EnsureList, (request, _) =>
            Subject(front, request) switch
            {
                "Fails once" => throw new TimeoutException("transient"),
                "Parks" => throw new PermanentRequestException("permanent"),
                _ => Task.CompletedTask,
            });
        var worker = front.Worker("worker-a", configure: WorkerFront.With(handler));
        using var requests = new MetricCollector<long>(worker.GetRequiredService<IMeterFactory>(), WorkerMetrics.MeterName, WorkerMetrics.RequestsName);
        using var duration = new MetricCollector<double>(worker.GetRequiredService<IMeterFactory>(), WorkerMetrics.MeterName, WorkerMetrics.RequestDurationName);

        Assert.Equal(3, await WorkerFront.Processor(worker).DrainOnceAsync(CancellationToken.None));

        var outcomes = requests.GetMeasurementSnapshot()
            .Select(m => (Operation: (string?)m.Tags["operation"], Outcome: (string?)m.Tags["outcome"], m.Value))
            .OrderBy(m => m.Outcome, StringComparer.Ordinal)
            .ToList();
        Assert.Equal([("EnsureList", "parked", 1L), ("EnsureList", "retried", 1L), ("EnsureList", "succeeded", 1L)], outcomes);
        Assert.Equal(3, duration.GetMeasurementSnapshot().Count);
        Assert.All(duration.GetMeasurementSnapshot(), m => Assert.True(m.Value >= 0));
    }

    [Fact]
    public async Task QueueGauges_AfterRefresh_ReportTheSnapshotWithoutQuerying()
    {
        await using var front = await WorkerFront.StartAsync();
        front.EmailActivity("One");
        front.Clock.Advance(TimeSpan.FromMinutes(2));
        front.EmailActivity("Two");
        front.Clock.Advance(TimeSpan.FromMinutes(1));
        var worker = front.Worker("worker-a");
        var factory = worker.GetRequiredService<IMeterFactory>();
        using var depth = new MetricCollector<long>(factory, WorkerMetrics.MeterName, WorkerMetrics.QueueDepthName);
        using var age = new MetricCollector<double>(factory, WorkerMetrics.MeterName, WorkerMetrics.OldestPendingAgeName);
        _ = worker.GetRequiredService<WorkerMetrics>();

        depth.RecordObservableInstruments();
        Assert.Empty(depth.GetMeasurementSnapshot());

        await worker.GetRequiredService<QueueMonitor>().RefreshAsync(CancellationToken.None);
        front.EmailActivity("Three, not in the snapshot");
        depth.RecordObservableInstruments();
        age.RecordObservableInstruments();

        var byState = depth.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags["state"]!, m => m.Value);
        Assert.Equal(2, byState["pending"]);
        Assert.Equal(0, byState["in_progress"]);
        Assert.Equal(0, byState["parked"]);
        Assert.Equal(180, Assert.Single(age.GetMeasurementSnapshot()).Value, 0.001);
    }

    private static string Subject(WorkerFront front, EmailConnector.Worker.Queue.SyncRequestRecord request) =>
        front.Service.Retrieve("campaignactivity", request.CampaignActivityId!.Value, new Microsoft.Xrm.Sdk.Query.ColumnSet("subject")).GetAttributeValue<string>("subject");
}
