using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace EmailConnector.Platforms.Dotdigital.Http;

/// <summary>
/// Reads the tiered scheme's <c>X-RateLimit-*</c> headers of every answer and holds back a request whose tier (learnt
/// per route from <c>X-RateLimit-Scope</c>) is used up until its window resets, so that a long transfer slows down
/// instead of collecting 429s. Runs once per attempt, inside the resilience pipeline.
/// </summary>
internal sealed class RateLimitHandler(
    TimeProvider time,
    IDotdigitalDelay delay,
    DotdigitalCallStatistics statistics,
    ILogger<RateLimitHandler> logger) : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, string> _scopeOfRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.OrdinalIgnoreCase);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var route = DotdigitalRequest.RouteOf(request);
        if (_scopeOfRoute.TryGetValue(route, out var scope) && _windows.TryGetValue(scope, out var window) && window.Remaining <= 0)
        {
            var wait = window.ResetAt - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                statistics.ProactiveWait();
                statistics.AddWait(wait);
                Log.RateLimitWait(logger, scope, wait.TotalSeconds);
                await delay.DelayAsync(wait, cancellationToken).ConfigureAwait(false);
            }
            _windows.TryRemove(new KeyValuePair<string, Window>(scope, window));
        }

        statistics.Request();
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        Observe(route, response);
        return response;
    }

    private void Observe(string route, HttpResponseMessage response)
    {
        var scope = ThrottleClassifier.Header(response, "X-RateLimit-Scope");
        var remainingText = ThrottleClassifier.Header(response, "X-RateLimit-Remaining");
        if (scope is null || remainingText is null || !int.TryParse(remainingText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining))
            return;
        _scopeOfRoute[route] = scope;
        var now = time.GetUtcNow();
        var reset = ThrottleClassifier.ResetAt(response, now) ?? now.AddMinutes(1);
        _windows[scope] = new Window(remaining, reset);
    }

    private sealed record Window(int Remaining, DateTimeOffset ResetAt);
}
