using System.Net;
using EmailConnector.Dataverse.Errors;
using EmailConnector.Dataverse.Resilience;
using EmailConnector.Dataverse.Rows;
using EmailConnector.Dataverse.Tests.Support;
using EmailConnector.Emulator.WebApi.Control;
using EmailConnector.Emulator.WebApi.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EmailConnector.Dataverse.Tests;

/// <summary>
/// Retries, Retry-After and the request budget through the client against the emulator's HTTP front, with injected
/// faults and the front's service protection limits. Server and client share a stepping clock, so every wait is
/// virtual and recorded.
/// </summary>
public sealed class DataverseClientResilienceTests(ITestOutputHelper output)
{
    private readonly SteppingTimeProvider _clock = new(DataverseFront.Start);

    [Fact]
    public async Task RetrieveAsync_Two503s_IsRetriedWithBackoffAndSucceeds()
    {
        await using var front = await DataverseFront.StartAsync(_clock);
        var id = front.SeedContact("Lovelace");
        front.Server.Faults.Add(new FaultRule { Method = "GET", PathContains = "contacts", Status = 503, Times = 2 });

        var row = await front.Client.RetrieveAsync("contacts", id, RetrieveOptions.Columns("lastname"));

        Assert.Equal("Lovelace", row.GetString("lastname"));
        Assert.Equal([503, 503, 200], front.Attempts.Attempts.Select(a => a.Status));
        Assert.Equal(2, _clock.Waits.Count(w => w > TimeSpan.Zero));
    }

    [Fact]
    public async Task CreateAsync_503_IsNotRetriedBecauseItMayHaveRun()
    {
        await using var front = await DataverseFront.StartAsync(_clock);
        front.Server.Faults.Add(new FaultRule { Method = "POST", PathContains = "contacts", Status = 503 });

        var error = await Assert.ThrowsAsync<DataverseException>(() => front.Client.CreateAsync("contacts", new DataverseRow().Set("lastname", "Once")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Single(front.Attempts.Attempts);
    }

    [Fact]
    public async Task CreateAsync_429_IsRetriedAfterRetryAfterBecauseItDidNotRun()
    {
        await using var front = await DataverseFront.StartAsync(_clock);
        front.Server.Faults.Add(new FaultRule { Method = "POST", PathContains = "contacts", Status = 429, RetryAfterSeconds = 7 });

        var id = await front.Client.CreateAsync("contacts", new DataverseRow().Set("lastname", "Once"));

        Assert.Single(front.Organization.Rows("contact"), r => r.Id == id);
        var attempts = front.Attempts.Attempts.ToArray();
        Assert.Equal([429, 204], attempts.Select(a => a.Status));
        Assert.Equal(TimeSpan.FromSeconds(7), attempts[0].RetryAfter);
        Assert.True(attempts[1].SentAt - attempts[0].ReceivedAt >= TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task RetrieveAsync_429BeyondMaxRetries_ThrowsThrottledWithTheLastRetryAfter()
    {
        await using var front = await DataverseFront.StartAsync(_clock, new Dictionary<string, string?> { ["MaxRetryAttempts"] = "2" });
        front.Server.Faults.Add(new FaultRule { Method = "GET", Status = 429, RetryAfterSeconds = 3, Times = 10 });

        var error = await Assert.ThrowsAsync<DataverseThrottledException>(() => front.Client.WhoAmIAsync());

        Assert.Equal(TimeSpan.FromSeconds(3), error.RetryAfter);
        Assert.Equal(DataverseErrorCodes.RequestLimitExceeded, error.ErrorCode);
        Assert.Equal(3, front.Attempts.Attempts.Count);
        Assert.Equal(3, front.Services.GetRequiredService<DataverseMetrics>().Snapshot().Throttled);
    }

    [Fact]
    public async Task ManyCallers_ProtectionLimitsOn_20000RequestsAllSucceedAndEveryRetryAfterIsWaitedOut()
    {
        const int callers = 8;
        const int callsPerCaller = 2500;
        var protection = new ServiceProtectionOptions
        {
            Enabled = true, RequestLimit = 600, Window = TimeSpan.FromSeconds(60), ConcurrencyLimit = 6, ConcurrencyRetryAfter = TimeSpan.FromSeconds(1),
        };

        // The client's own budget is set looser than the server's limits, so the server's 429s decide the pace. The run
        // spans about an hour of virtual time, and the clock jumps while requests are in flight: a token renewed on
        // time could still expire "during" a request, so the token outlives the run (expiry has tests of its own).
        await using var front = await DataverseFront.StartAsync(_clock, new Dictionary<string, string?>
        {
            ["MaxConcurrency"] = "8", ["RequestsPerWindow"] = "6000", ["MaxRetryAttempts"] = "50",
        }, protection, recordRequests: false, tokenLifetime: TimeSpan.FromDays(1));
        var ids = Enumerable.Range(0, callers).Select(i => front.SeedContact("Caller" + i)).ToArray();
        var started = _clock.GetUtcNow();

        var results = await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var succeeded = 0;
            for (var i = 0; i < callsPerCaller; i++)
            {
                if (i % 5 == 0)
                {
                    await front.Client.UpdateAsync("contacts", ids[caller], new DataverseRow().Set("firstname", "F" + i));
                }
                else
                {
                    await front.Client.RetrieveAsync("contacts", ids[caller], RetrieveOptions.Columns("lastname"));
                }

                succeeded++;
            }

            return succeeded;
        })));

        Assert.Equal(callers * callsPerCaller, results.Sum());
        var attempts = front.Attempts.Attempts.ToArray();
        var throttled = attempts.Where(a => a.Status == 429).ToArray();
        Assert.NotEmpty(throttled);
        Assert.All(attempts, a => Assert.Contains(a.Status, new[] { 200, 204, 429 }));
        Assert.Equal(callers * callsPerCaller, attempts.Count(a => a.Status != 429));

        var waits = new List<(TimeSpan RetryAfter, TimeSpan Waited)>();
        foreach (var call in attempts.GroupBy(a => a.CallNumber))
        {
            var ordered = call.OrderBy(a => a.AttemptNumber).ToArray();
            Assert.Equal(Enumerable.Range(1, ordered.Length), ordered.Select(a => a.AttemptNumber));
            for (var i = 0; i < ordered.Length - 1; i++)
            {
                Assert.Equal(429, ordered[i].Status);
                var retryAfter = ordered[i].RetryAfter ?? throw new Xunit.Sdk.XunitException("A 429 came without Retry-After.");
                var waited = ordered[i + 1].SentAt - ordered[i].ReceivedAt;
                Assert.True(waited >= retryAfter, $"Call {call.Key} retried after {waited} although Retry-After was {retryAfter}.");
                waits.Add((retryAfter, waited));
            }
        }

        Assert.Equal(throttled.Length, waits.Count);
        var metrics = front.Services.GetRequiredService<DataverseMetrics>().Snapshot();
        Assert.Equal(throttled.Length, metrics.Throttled);
        Assert.Equal(throttled.Length, metrics.Retries);
        output.WriteLine($"{attempts.Length} attempts, {throttled.Length} answered 429 ({throttled.Count(a => a.RetryAfter == TimeSpan.FromSeconds(1))} with Retry-After 1 s); "
            + $"Retry-After asked {waits.Sum(w => w.RetryAfter.TotalSeconds):0} s in all, waited {waits.Sum(w => w.Waited.TotalSeconds):0} s; "
            + $"virtual time {(_clock.GetUtcNow() - started).TotalSeconds:0} s for {callers * callsPerCaller} requests.");
    }

    [Fact]
    public async Task ManyCallers_ClientBudgetInsideTheLimits_NeverGetsA429()
    {
        var protection = new ServiceProtectionOptions { Enabled = true, RequestLimit = 200, Window = TimeSpan.FromSeconds(60), ConcurrencyLimit = 16 };
        await using var front = await DataverseFront.StartAsync(_clock, new Dictionary<string, string?>
        {
            ["MaxConcurrency"] = "4", ["RequestsPerWindow"] = "200", ["Window"] = "00:01:00",
        }, protection, recordRequests: false);
        var id = front.SeedContact("Budget");
        var started = _clock.GetUtcNow();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 250; i++)
            {
                await front.Client.RetrieveAsync("contacts", id, RetrieveOptions.Columns("lastname"));
            }
        })));

        output.WriteLine(string.Join(", ", front.Attempts.Attempts.GroupBy(a => a.Status).Select(g => $"{g.Key}: {g.Count()}")));
        Assert.DoesNotContain(front.Attempts.Attempts, a => a.Status == 429);
        Assert.Equal(1000, front.Attempts.Attempts.Count);
        Assert.True(_clock.GetUtcNow() - started >= TimeSpan.FromMinutes(4), "1,000 requests at 200 per minute take at least four windows.");
        Assert.True(front.Services.GetRequiredService<DataverseMetrics>().Snapshot().BudgetWaits > 0);
    }
}
