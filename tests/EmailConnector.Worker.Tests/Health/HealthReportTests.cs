using EmailConnector.Dataverse.Resilience;
using EmailConnector.Worker.Health;

namespace EmailConnector.Worker.Tests.Health;

public sealed class HealthReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 16, 9, 0, 0, TimeSpan.Zero);
    private static readonly DataverseMetricsSnapshot NoThrottling = new(0, 0, 0, null);

    [Fact]
    public void Create_WhenQueueFreshAndClear_IsHealthy()
    {
        var report = HealthReport.Create(Now, new QueueSnapshot(Now.AddSeconds(-10), 3, 1, 0, Now.AddMinutes(-5)), null, new WorkerStatus(), NoThrottling, new HealthOptions());

        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Empty(report.Reasons);
        Assert.Equal(new QueueReport(Now.AddSeconds(-10), 4, 3, 1, 0, 290), report.Queue);
    }

    [Fact]
    public void Create_WhenOldestPendingOlderThanThreshold_IsDegraded()
    {
        var report = HealthReport.Create(Now, new QueueSnapshot(Now, 1, 0, 0, Now.AddMinutes(-31)), null, new WorkerStatus(), NoThrottling, new HealthOptions());

        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Equal(["The oldest pending request is 1860 s old."], report.Reasons);
    }

    [Fact]
    public void Create_WhenQueueNeverRead_IsUnhealthyWithTheErrorType()
    {
        var report = HealthReport.Create(Now, null, "HttpRequestException", new WorkerStatus(), NoThrottling, new HealthOptions());

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal(["The queue could not be read (HttpRequestException)."], report.Reasons);
        Assert.Null(report.Queue);
    }

    [Fact]
    public void Create_WithStatusAndThrottling_ReportsBothFromMemory()
    {
        var status = new WorkerStatus();
        status.Succeeded("TransferRecipients", Now.AddMinutes(-3));
        status.Failed("TransferRecipients", Now.AddMinutes(-1), "TimeoutException");
        status.Succeeded("EnsureList", Now.AddMinutes(-2));

        var report = HealthReport.Create(Now, new QueueSnapshot(Now, 0, 0, 0, null), null, status, new DataverseMetricsSnapshot(4, 6, 2, Now.AddMinutes(-4)), new HealthOptions());

        Assert.Equal(
            [
                new ActivityReport("EnsureList", Now.AddMinutes(-2), null, null),
                new ActivityReport("TransferRecipients", Now.AddMinutes(-3), Now.AddMinutes(-1), "TimeoutException"),
            ],
            report.Activities);
        Assert.Equal(new DataverseReport(4, 6, 2, Now.AddMinutes(-4)), report.Dataverse);
        Assert.Equal(HealthStatus.Healthy, report.Status);
    }
}
