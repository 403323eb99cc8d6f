using EmailConnector.Dataverse.Errors;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace EmailConnector.Dataverse.Resilience;

/// <summary>
/// Builds the <see cref="ResiliencePipelineNames.Dataverse"/> pipeline: a retry strategy (outer) around the request
/// budget (inner), so each attempt takes its own budget slot and no slot is held while a retry waits.
/// </summary>
public static class DataversePipeline
{
    /// <summary>Adds the strategies to <paramref name="builder"/>.</summary>
    public static void Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> builder,
        DataverseOptions options,
        RequestBudget budget,
        DataverseMetrics metrics,
        TimeProvider time,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.TimeProvider = time;
        builder.AddRetry(CreateRetryOptions(options, budget, metrics, time, logger));
        builder.AddStrategy(_ => new RequestBudgetStrategy(budget), new RequestBudgetStrategyOptions());
    }

    /// <summary>The retry options: 429 always (after <c>Retry-After</c>), transient failures only when idempotent.</summary>
    public static RetryStrategyOptions<HttpResponseMessage> CreateRetryOptions(
        DataverseOptions options, RequestBudget budget, DataverseMetrics metrics, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RetryStrategyOptions<HttpResponseMessage>
        {
            Name = "DataverseRetry",
            MaxRetryAttempts = options.MaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,

            // Only the fallback backoff is capped; a server's Retry-After is honoured as sent.
            MaxDelay = TimeSpan.FromMinutes(1),
            ShouldHandle = args => ValueTask.FromResult(Classify(args.Outcome, args.Context) != RetryReason.None),
            DelayGenerator = args => ValueTask.FromResult(
                args.Outcome.Result is { } response ? DataverseErrorReader.RetryAfterOf(response, time.GetUtcNow()) : null),
            OnRetry = args => OnRetryAsync(args, budget, metrics, time, logger),
        };
    }

    private static RetryReason Classify(Outcome<HttpResponseMessage> outcome, ResilienceContext context) =>
        RetryClassifier.Classify(outcome, context.Properties.GetValue(DataverseResilienceKeys.Idempotent, false), context.CancellationToken);

    private static async ValueTask OnRetryAsync(
        OnRetryArguments<HttpResponseMessage> args, RequestBudget budget, DataverseMetrics metrics, TimeProvider time, ILogger logger)
    {
        var reason = Classify(args.Outcome, args.Context);
        var operation = args.Context.Properties.GetValue(DataverseResilienceKeys.Operation, "Dataverse call");
        metrics.Retry(reason, args.RetryDelay);
        if (reason == RetryReason.Throttled && args.Outcome.Result is { } response)
        {
            // The body was buffered by the client, so reading it here does not consume the network stream.
            var body = await response.Content.ReadAsStringAsync(args.Context.CancellationToken).ConfigureAwait(false);
            var code = DataverseErrorReader.Parse(body).Code;
            var now = time.GetUtcNow();

            // The request and execution-time limits count per user, so every caller of this process must wait; the
            // concurrency limit only refuses the excess, so only this call waits.
            if (!string.Equals(code, DataverseErrorCodes.ConcurrencyLimitExceeded, StringComparison.OrdinalIgnoreCase))
            {
                budget.PauseUntil(now + args.RetryDelay);
            }

            Log.Throttled(logger, operation, (int)response.StatusCode, code ?? "none", args.RetryDelay.TotalSeconds, args.AttemptNumber + 2);
            return;
        }

        var failure = args.Outcome.Exception is { } exception ? exception.GetType().Name : ((int)args.Outcome.Result!.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Log.RetryingTransient(logger, operation, failure, args.RetryDelay.TotalSeconds, args.AttemptNumber + 2);
    }
}
