using System.Net;
using System.Text.Json;
using EmailConnector.Schema;
using EmailConnector.Worker.Health;
using EmailConnector.Worker.Operations;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EmailConnector.Worker.Tests.Health;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task GetHealth_WhenARequestIsParked_ReturnsDegradedWithTheParkedCount()
    {
        await using var front = await WorkerFront.StartAsync();
        front.EmailActivity("Parks");
        front.Clock.Advance(TimeSpan.FromMinutes(1));
        front.EmailActivity("Stays pending");
        var handler = new ScriptedHandler(SyncOperation.EnsureList, (_, _) => throw new PermanentRequestException("Platform said no to jane@example.com"));
        var worker = front.Worker("worker-a", new Dictionary<string, string?> { ["Health:Url"] = "http://127.0.0.1:0", ["Queue:BatchSize"] = "1" }, WorkerFront.With(handler));
        await WorkerFront.Processor(worker).DrainOnceAsync(CancellationToken.None);
        front.Clock.Advance(TimeSpan.FromMinutes(2));
        await worker.GetRequiredService<QueueMonitor>().RefreshAsync(CancellationToken.None);
        var endpoint = worker.GetRequiredService<HealthEndpoint>();
        await endpoint.StartAsync(CancellationToken.None);
        try
        {
            using var http = new HttpClient { BaseAddress = endpoint.Address };
            using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            Assert.DoesNotContain("jane", body, StringComparison.OrdinalIgnoreCase);
            var root = JsonDocument.Parse(body).RootElement;
            Assert.Equal("Degraded", root.GetProperty("status").GetString());
            Assert.Equal(["1 request(s) parked."], root.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
            var queue = root.GetProperty("queue");
            Assert.Equal(1, queue.GetProperty("depth").GetInt32());
            Assert.Equal(1, queue.GetProperty("pending").GetInt32());
            Assert.Equal(0, queue.GetProperty("inProgress").GetInt32());
            Assert.Equal(1, queue.GetProperty("parked").GetInt32());
            Assert.Equal(120, queue.GetProperty("oldestPendingAgeSeconds").GetInt64());
            var activity = Assert.Single(root.GetProperty("activities").EnumerateArray());
            Assert.Equal("EnsureList", activity.GetProperty("name").GetString());
            Assert.Equal(JsonValueKind.Null, activity.GetProperty("lastSuccessAt").ValueKind);
            Assert.Equal(WorkerFront.Start.AddMinutes(1), activity.GetProperty("lastErrorAt").GetDateTimeOffset());
            Assert.Equal(nameof(PermanentRequestException), activity.GetProperty("lastErrorType").GetString());
            var dataverse = root.GetProperty("dataverse");
            Assert.Equal(0, dataverse.GetProperty("throttled").GetInt64());
            Assert.Equal(0, dataverse.GetProperty("retries").GetInt64());
            Assert.Equal(JsonValueKind.Null, dataverse.GetProperty("lastThrottledAt").ValueKind);
        }
        finally
        {
            await endpoint.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task GetHealth_WhenSnapshotIsStale_Returns503Unhealthy()
    {
        await using var front = await WorkerFront.StartAsync();
        var worker = front.Worker("worker-a", new Dictionary<string, string?> { ["Health:Url"] = "http://127.0.0.1:0" });
        await worker.GetRequiredService<QueueMonitor>().RefreshAsync(CancellationToken.None);
        front.Clock.Advance(TimeSpan.FromMinutes(6));
        var endpoint = worker.GetRequiredService<HealthEndpoint>();
        await endpoint.StartAsync(CancellationToken.None);
        try
        {
            using var http = new HttpClient { BaseAddress = endpoint.Address };
            using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("Unhealthy", root.GetProperty("status").GetString());
            Assert.StartsWith("The queue was last read 360 s ago", root.GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await endpoint.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task StartAsync_WhenUrlEmpty_ListensNowhere()
    {
        await using var front = await WorkerFront.StartAsync();
        var worker = front.Worker("worker-a", new Dictionary<string, string?> { ["Health:Url"] = "" });
        var endpoint = worker.GetRequiredService<HealthEndpoint>();

        await endpoint.StartAsync(CancellationToken.None);

        Assert.Null(endpoint.Address);
        Assert.Equal(HealthStatus.Degraded, endpoint.Report().Status);
    }
}
