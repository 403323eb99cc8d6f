using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EmailConnector.Dataverse.Resilience;
using EmailConnector.Dataverse.Tests.Support;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Testing;

namespace EmailConnector.Dataverse.Tests.Resilience;

public class DataversePipelineTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly SteppingTimeProvider _time = new(Start);
    private readonly DataverseOptions _options = new() { MaxRetryAttempts = 3, RetryBaseDelay = TimeSpan.FromSeconds(2) };
    private readonly (DataverseMetrics Metrics, System.Diagnostics.Metrics.IMeterFactory Factory) _metrics = TestMetrics.Create();
    private RequestBudget? _budget;

    [Fact]
    public void Configure_RetryOutsideTheBudget()
    {
        var descriptor = CreateSut().GetPipelineDescriptor();

        Assert.Collection(descriptor.Strategies,
            retry => Assert.IsType<RetryStrategyOptions<HttpResponseMessage>>(retry.Options),
            budget => Assert.Equal("RequestBudget", budget.Options!.Name));
        var options = (RetryStrategyOptions<HttpResponseMessage>)descriptor.Strategies[0].Options!;
        Assert.Equal(3, options.MaxRetryAttempts);
        Assert.True(options.UseJitter);
        Assert.Equal(DelayBackoffType.Exponential, options.BackoffType);
    }

    [Fact]
    public async Task Execute_429WithRetryAfter_WaitsExactlyRetryAfterThenSucceeds()
    {
        var (status, attempts) = await RunAsync(idempotent: false, Throttled(TimeSpan.FromSeconds(17)), Ok);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, attempts);
        Assert.Equal([TimeSpan.FromSeconds(17)], _time.Waits);
        Assert.Equal(Start.AddSeconds(17), _time.GetUtcNow());
    }

    [Fact]
    public async Task Execute_429_PausesTheWholeBudgetForRetryAfter()
    {
        await RunAsync(idempotent: true, Throttled(TimeSpan.FromSeconds(40)), Ok);

        Assert.Equal(Start.AddSeconds(40), _budget!.PausedUntil);
    }

    [Fact]
    public async Task Execute_429ConcurrencyLimit_DoesNotPauseOtherCallers()
    {
        await RunAsync(idempotent: true, Throttled(TimeSpan.FromSeconds(1), "0x80072326"), Ok);

        Assert.Null(_budget!.PausedUntil);
    }

    [Fact]
    public async Task Execute_429WithoutRetryAfter_FallsBackToBackoff()
    {
        var (status, _) = await RunAsync(idempotent: true, Throttled(null), Ok);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.InRange(_time.GetUtcNow() - Start, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Execute_503OnCreate_IsNotRetried()
    {
        var (status, attempts) = await RunAsync(idempotent: false, Status(HttpStatusCode.ServiceUnavailable), Ok);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(1, attempts);
        Assert.Empty(_time.Waits);
    }

    [Fact]
    public async Task Execute_TransientOnIdempotentCall_RetriesWithGrowingBackoff()
    {
        var (status, attempts) = await RunAsync(idempotent: true,
            Status(HttpStatusCode.BadGateway), Fail(new HttpRequestException("refused")), Status(HttpStatusCode.GatewayTimeout), Ok);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(4, attempts);
        Assert.Equal(3, _time.Waits.Count);
        Assert.All(_time.Waits, w => Assert.InRange(w, TimeSpan.FromTicks(1), TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Execute_ConnectionFailureOnCreate_IsNotRetried()
    {
        var outcome = await ExecuteAsync(idempotent: false, Fail(new HttpRequestException("reset")), Ok);

        Assert.IsType<HttpRequestException>(outcome.Outcome.Exception);
        Assert.Equal(1, outcome.Attempts);
    }

    [Fact]
    public async Task Execute_ThrottledBeyondMaxRetries_ReturnsTheLast429()
    {
        var (status, attempts) = await RunAsync(idempotent: true,
            Throttled(TimeSpan.FromSeconds(1)), Throttled(TimeSpan.FromSeconds(2)), Throttled(TimeSpan.FromSeconds(3)), Throttled(TimeSpan.FromSeconds(4)), Ok);

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal(4, attempts);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)], _time.Waits);
    }

    [Fact]
    public async Task Execute_Retries_AreCountedWithTheirDelay()
    {
        using var retries = new MetricCollector<long>(_metrics.Factory, DataverseMetrics.MeterName, "emailconnector.dataverse.retries");
        using var delays = new MetricCollector<double>(_metrics.Factory, DataverseMetrics.MeterName, "emailconnector.dataverse.retry.delay");

        await RunAsync(idempotent: true, Throttled(TimeSpan.FromSeconds(5)), Status(HttpStatusCode.ServiceUnavailable), Ok);

        Assert.Equal(["throttled", "transient"], retries.GetMeasurementSnapshot().Select(m => (string)m.Tags["reason"]!));
        Assert.Equal(5, delays.GetMeasurementSnapshot()[0].Value);
        Assert.Equal(2, _metrics.Metrics.Snapshot().Retries);
    }

    private ResiliencePipeline<HttpResponseMessage> CreateSut()
    {
        _budget = new RequestBudget(4, 1000, TimeSpan.FromMinutes(5), _time, _metrics.Metrics);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        DataversePipeline.Configure(builder, _options, _budget, _metrics.Metrics, _time, NullLogger.Instance);
        return builder.Build();
    }

    private async Task<(HttpStatusCode Status, int Attempts)> RunAsync(bool idempotent, params Func<Outcome<HttpResponseMessage>>[] attempts)
    {
        var (outcome, count) = await ExecuteAsync(idempotent, attempts);
        outcome.ThrowIfException();
        return (outcome.Result!.StatusCode, count);
    }

    private async Task<(Outcome<HttpResponseMessage> Outcome, int Attempts)> ExecuteAsync(bool idempotent, params Func<Outcome<HttpResponseMessage>>[] attempts)
    {
        var pipeline = CreateSut();
        var context = ResilienceContextPool.Shared.Get();
        context.Properties.Set(DataverseResilienceKeys.Idempotent, idempotent);
        var count = 0;
        var outcome = await pipeline.ExecuteOutcomeAsync((_, _) => ValueTask.FromResult(attempts[count++]()), context, 0);
        ResilienceContextPool.Shared.Return(context);
        return (outcome, count);
    }

    private static Outcome<HttpResponseMessage> Ok() => Outcome.FromResult(new HttpResponseMessage(HttpStatusCode.OK));

    private static Func<Outcome<HttpResponseMessage>> Status(HttpStatusCode status) => () => Outcome.FromResult(new HttpResponseMessage(status));

    private static Func<Outcome<HttpResponseMessage>> Fail(Exception exception) => () => Outcome.FromException<HttpResponseMessage>(exception);

    private static Func<Outcome<HttpResponseMessage>> Throttled(TimeSpan? retryAfter, string code = "0x80072322") => () =>
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
        {
            Content = new StringContent($$$"""{"error":{"code":"{{{code}}}","message":"Number of requests exceeded the limit of 6000 over time window of 300 seconds."}}""", Encoding.UTF8, "application/json"),
        };
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(delay);
        }

        return Outcome.FromResult(response);
    };
}
