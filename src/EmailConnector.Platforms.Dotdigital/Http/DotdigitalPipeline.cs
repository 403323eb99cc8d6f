using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace EmailConnector.Platforms.Dotdigital.Http;

/// <summary>
/// The resilience pipeline around every Dotdigital call, the same whether the adapter comes from the container
/// (<see cref="DotdigitalServiceCollectionExtensions.AddDotdigitalPlatform"/>) or from
/// <see cref="DotdigitalPlatformFactory"/>.
/// </summary>
internal static class DotdigitalPipeline
{
    public const string LoggerCategory = "EmailConnector.Platforms.Dotdigital.Resilience";

    private static readonly ResiliencePropertyKey<TimeSpan> PendingWait = new("dotdigital.pendingWait");
    private static readonly ResiliencePropertyKey<TimeSpan> ThrottleWaited = new("dotdigital.throttleWaited");

    /// <summary>Adds the throttling retry, the transient retry and the per-attempt timeout to <paramref name="builder"/>.</summary>
    public static void Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> builder, DotdigitalOptions options, TimeProvider time, IDotdigitalDelay delay,
        DotdigitalCallStatistics statistics, ILogger logger)
    {
        // The pipeline keeps the system clock: its only timer is the per-attempt timeout, which is about the wire, not
        // about business time; every wait goes through IDotdigitalDelay.
        builder.TimeProvider = TimeProvider.System;

        // A throttled request was not processed, so it is repeated whatever its method.
        if (options.MaxThrottleRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "dotdigital-throttle",
                MaxRetryAttempts = options.MaxThrottleRetries,
                ShouldHandle = async args =>
                {
                    if (args.Outcome.Result is not { } response ||
                        !await ThrottleClassifier.IsThrottledAsync(response, args.Context.CancellationToken).ConfigureAwait(false))
                        return false;
                    var legacy = ThrottleClassifier.IsLegacy(response);
                    statistics.ThrottledAnswer(legacy);
                    var wait = ThrottleClassifier.WaitFor(response, time.GetUtcNow(), options.DefaultThrottleWait);
                    var waited = args.Context.Properties.GetValue(ThrottleWaited, TimeSpan.Zero);
                    if (waited + wait > options.MaxThrottleWait)
                        return false; // the caller throws PlatformThrottledException and the worker comes back later
                    args.Context.Properties.Set(ThrottleWaited, waited + wait);
                    args.Context.Properties.Set(PendingWait, wait);
                    Log.Throttled(logger, DotdigitalRequest.RouteOf(args.Context.GetRequestMessage()), legacy, wait.TotalSeconds);
                    return true;
                },
                DelayGenerator = args => WaitAsync(args.Context, delay, statistics, statistics.ThrottleRetry),
            });
        }

        // 5xx, timeouts and resets may hide an applied request: only idempotent ones are repeated here; the adapter
        // checks the platform's state before repeating anything else.
        if (options.MaxTransientRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "dotdigital-transient",
                MaxRetryAttempts = options.MaxTransientRetries,
                ShouldHandle = args =>
                {
                    var request = args.Context.GetRequestMessage();
                    var transient = args.Outcome switch
                    {
                        { Exception: HttpRequestException or TimeoutRejectedException } => true,
                        { Result: { } r } => r.StatusCode == HttpStatusCode.RequestTimeout || (int)r.StatusCode >= 500,
                        _ => false,
                    };
                    if (!transient || !DotdigitalRequest.IsIdempotent(request))
                        return ValueTask.FromResult(false);
                    var backoff = options.TransientBackoff * Math.Pow(2, args.AttemptNumber) * (0.8 + (Random.Shared.NextDouble() * 0.4));
                    args.Context.Properties.Set(PendingWait, backoff);
                    Log.TransientRetry(logger, DotdigitalRequest.RouteOf(request), args.AttemptNumber + 1, backoff.TotalSeconds,
                        args.Outcome.Exception?.GetType().Name ?? ((int)args.Outcome.Result!.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    return ValueTask.FromResult(true);
                },
                DelayGenerator = args => WaitAsync(args.Context, delay, statistics, statistics.TransientRetry),
            });
        }

        builder.AddTimeout(options.RequestTimeout);
    }

    // The wait runs through IDotdigitalDelay (tests advance a fake clock); Polly itself then waits zero.
    private static async ValueTask<TimeSpan?> WaitAsync(ResilienceContext context, IDotdigitalDelay delay, DotdigitalCallStatistics statistics, Action count)
    {
        var wait = context.Properties.GetValue(PendingWait, TimeSpan.Zero);
        count();
        statistics.AddWait(wait);
        await delay.DelayAsync(wait, context.CancellationToken).ConfigureAwait(false);
        return TimeSpan.Zero;
    }
}
