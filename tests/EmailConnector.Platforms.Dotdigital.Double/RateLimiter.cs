using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace EmailConnector.Platforms.Dotdigital.Double;

/// <summary>
/// Dotdigital's call limits: the tiered scheme (a per-minute budget per tier, <c>X-RateLimit-*</c> headers on every
/// answer, 429 when used up) and the legacy flat scheme (calls per hour, then 400 ERROR_APIUSAGE_EXCEEDED). Tiers per
/// route follow the vendor's guidance that imports and large reads are Low and sends Unlimited; the rest is assumed.
/// </summary>
internal sealed class RateLimiter(DotdigitalDoubleOptions options, TimeProvider time)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (DateTimeOffset Start, int Count)> _windows = new(StringComparer.Ordinal);
    private (DateTimeOffset Start, int Count) _hour;

    public static string TierOf(string method, string path)
    {
        if (method == "POST" && path.Equals("/v2/campaigns/send", StringComparison.OrdinalIgnoreCase))
            return "Unlimited";
        if ((method == "PUT" && path.Equals("/contacts/v3/import", StringComparison.OrdinalIgnoreCase)) ||
            path.Contains("-since", StringComparison.OrdinalIgnoreCase) || path.Contains("/since-date/", StringComparison.OrdinalIgnoreCase) ||
            path.Equals("/contacts/v3", StringComparison.OrdinalIgnoreCase) || path.Contains("/import", StringComparison.OrdinalIgnoreCase) && method == "POST")
            return "Low";
        if (path.StartsWith("/contacts/v3", StringComparison.OrdinalIgnoreCase) || path.Contains("/summary", StringComparison.OrdinalIgnoreCase) ||
            path.Contains("/replies", StringComparison.OrdinalIgnoreCase))
            return "Medium";
        return "High";
    }

    /// <summary>Counts the call and sets the headers; returns the refusal body (status set) when the limit is used up, else null.</summary>
    public string? Refuse(HttpContext context, DoubleStatistics statistics)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (options.FlatLimitPerHour is { } perHour)
            {
                if (now - _hour.Start >= TimeSpan.FromHours(1))
                    _hour = (now, 0);
                if (_hour.Count >= perHour)
                {
                    statistics.ThrottledAnswer(legacy: true);
                    context.Response.StatusCode = 400;
                    return "{\"message\":\"You have exceeded your API usage allowance. ERROR_APIUSAGE_EXCEEDED\"}";
                }
                _hour.Count++;
            }

            if (options.TieredLimits is not { } limits)
                return null;
            var tier = TierOf(context.Request.Method, context.Request.Path.Value ?? "/");
            if (tier == "Unlimited")
                return null;
            var limit = tier switch { "Low" => limits.Low, "Medium" => limits.Medium, _ => limits.High };
            var window = _windows.GetValueOrDefault(tier);
            if (now - window.Start >= TimeSpan.FromMinutes(1))
                window = (now, 0);
            var admitted = window.Count < limit;
            if (admitted)
                window.Count++;
            _windows[tier] = window;

            var reset = window.Start + TimeSpan.FromMinutes(1);
            var resetText = options.ResetAsEpoch
                ? reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)
                : Math.Max(0, (int)Math.Ceiling((reset - now).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            string Name(string header) => options.LowerCaseHeaders ? header.ToLowerInvariant() : header;
            context.Response.Headers[Name("X-RateLimit-Limit")] = limit.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers[Name("X-RateLimit-Remaining")] = (limit - window.Count).ToString(CultureInfo.InvariantCulture);
            context.Response.Headers[Name("X-RateLimit-Reset")] = resetText;
            context.Response.Headers[Name("X-RateLimit-Scope")] = tier;
            if (admitted)
                return null;
            statistics.ThrottledAnswer(legacy: false);
            context.Response.StatusCode = 429;
            return "{\"message\":\"Too many requests.\"}";
        }
    }
}
