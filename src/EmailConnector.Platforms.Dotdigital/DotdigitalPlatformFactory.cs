using EmailConnector.Platforms.Dotdigital.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;

namespace EmailConnector.Platforms.Dotdigital;

/// <summary>
/// Makes Dotdigital adapters outside the container, one per API user: each with its own options, HTTP client,
/// resilience pipeline and rate-limit state (the vendor counts its limits per API user), so one account's throttling
/// never holds back another's. The adapter behaves as the one <see cref="DotdigitalServiceCollectionExtensions.AddDotdigitalPlatform"/>
/// registers; dispose it to release its HTTP client.
/// </summary>
public static class DotdigitalPlatformFactory
{
    // Connections are renewed now and then so that a moved regional endpoint (DNS) is picked up, as IHttpClientFactory would.
    private static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A new adapter for <paramref name="options"/>; <see cref="OptionsValidationException"/> when they break a rule.
    /// Waits go through <paramref name="delay"/> (default: <paramref name="time"/>), wire counts into
    /// <paramref name="statistics"/> (default: a fresh instance), logs through <paramref name="loggerFactory"/>.
    /// </summary>
    public static DotdigitalPlatform Create(
        DotdigitalOptions options,
        TimeProvider? time = null,
        IDotdigitalDelay? delay = null,
        ILoggerFactory? loggerFactory = null,
        DotdigitalCallStatistics? statistics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = DotdigitalOptions.Failures(options);
        if (failures.Count > 0)
            throw new OptionsValidationException(nameof(DotdigitalOptions), typeof(DotdigitalOptions), failures);
        time ??= TimeProvider.System;
        delay ??= new TimeProviderDelay(time);
        loggerFactory ??= NullLoggerFactory.Instance;
        statistics ??= new DotdigitalCallStatistics();

        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>();
        DotdigitalPipeline.Configure(pipeline, options, time, delay, statistics, loggerFactory.CreateLogger(DotdigitalPipeline.LoggerCategory));
        // Same order as the container's client: the rate-limit handler sits inside the pipeline and runs once per attempt.
        var rateLimit = new RateLimitHandler(time, delay, statistics, loggerFactory.CreateLogger<RateLimitHandler>())
        {
            InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = ConnectionLifetime },
        };
        var http = new HttpClient(new ResilienceHandler(pipeline.Build()) { InnerHandler = rateLimit }) { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            var wrapped = Options.Create(options);
            return new DotdigitalPlatform(new DotdigitalApi(http, wrapped, time), wrapped, time, delay, loggerFactory.CreateLogger<DotdigitalPlatform>(), http);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }
}
