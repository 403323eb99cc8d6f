using System.Globalization;
using System.Net;

namespace EmailConnector.Platforms.Dotdigital.Http;

/// <summary>
/// Recognises Dotdigital's two throttling answers: 429 of the tiered scheme (with <c>X-RateLimit-*</c> headers) and
/// 400 <c>ERROR_APIUSAGE_EXCEEDED</c> of the legacy flat scheme, which is throttling, not a bad request.
/// </summary>
internal static class ThrottleClassifier
{
    public const string LegacyUsageExceeded = "ERROR_APIUSAGE_EXCEEDED";

    // Values above this are Unix times; below, seconds to wait (the vendor's PHP SDK reads seconds, a secondary
    // summary says epoch: both are accepted).
    private const long EpochThreshold = 1_000_000_000;

    public static async Task<bool> IsThrottledAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
            return true;
        if (response.StatusCode != HttpStatusCode.BadRequest)
            return false;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return body.Contains(LegacyUsageExceeded, StringComparison.Ordinal);
    }

    public static bool IsLegacy(HttpResponseMessage response) => response.StatusCode == HttpStatusCode.BadRequest;

    /// <summary>How long to wait before the next attempt; <paramref name="fallback"/> when the answer does not say.</summary>
    public static TimeSpan WaitFor(HttpResponseMessage response, DateTimeOffset now, TimeSpan fallback)
    {
        if (ResetAt(response, now) is { } reset)
            return reset > now ? reset - now : TimeSpan.Zero;
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
                return delta;
            if (retryAfter.Date is { } date)
                return date > now ? date - now : TimeSpan.Zero;
        }
        return fallback;
    }

    /// <summary>When the rate-limit window of the answer resets, from <c>X-RateLimit-Reset</c> (seconds or epoch).</summary>
    public static DateTimeOffset? ResetAt(HttpResponseMessage response, DateTimeOffset now)
    {
        var text = Header(response, "X-RateLimit-Reset");
        if (text is null || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
            return null;
        return value > EpochThreshold
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(value * 1000))
            : now + TimeSpan.FromSeconds(value);
    }

    /// <summary>A header's first value; header names compare case-insensitively (HTTP/2 sends them lower-case).</summary>
    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
