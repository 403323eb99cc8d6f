using System.Text.Json.Serialization;
using EmailConnector.Emulator.Faults;
using EmailConnector.Emulator.WebApi.Routing;

namespace EmailConnector.Emulator.WebApi.Control;

/// <summary>
/// One injected fault: on the Nth request matching method and path (then on the next Times−1 matches), wait DelayMs and
/// answer Status (429 with Retry-After and the request-count throttling code, or any 4xx/5xx) instead of serving it.
/// Status 0 only delays. emulator.md §2.7.
/// </summary>
public sealed record FaultRule
{
    public string? Method { get; init; }

    /// <summary>A substring of the path below the service root ("contacts", "$batch"); null matches every request.</summary>
    public string? PathContains { get; init; }

    public int Nth { get; init; } = 1;

    public int Times { get; init; } = 1;

    public int Status { get; init; }

    public int RetryAfterSeconds { get; init; }

    public int DelayMs { get; init; }

    public string? Message { get; init; }

    [JsonIgnore]
    internal int Seen { get; set; }
}

/// <summary>The fault rules of a server, checked in order for every Web API request.</summary>
public sealed class FaultInjector
{
    private readonly List<(int Id, FaultRule Rule)> _rules = [];
    private readonly object _gate = new();
    private int _nextId;

    public int Add(FaultRule rule)
    {
        if (rule.Nth < 1 || rule.Times < 1 || rule.DelayMs < 0 || rule.RetryAfterSeconds < 0 || rule.Status is not (0 or (>= 400 and <= 599)))
            throw WebApiErrors.Malformed("A fault rule needs Nth ≥ 1, Times ≥ 1, DelayMs ≥ 0, and Status 0 or 400–599.");
        lock (_gate)
        {
            _rules.Add((++_nextId, rule with { }));
            return _nextId;
        }
    }

    public void Clear()
    {
        lock (_gate)
            _rules.Clear();
    }

    public IReadOnlyList<(int Id, FaultRule Rule, int Seen)> Rules
    {
        get
        {
            lock (_gate)
                return _rules.Select(r => (r.Id, r.Rule, r.Rule.Seen)).ToList();
        }
    }

    /// <summary>The rule that applies to this request, if any (its match counter advances).</summary>
    public FaultRule? Match(string method, string path)
    {
        lock (_gate)
        {
            FaultRule? applied = null;
            foreach (var (_, rule) in _rules)
            {
                if (rule.Method is not null && !rule.Method.Equals(method, StringComparison.OrdinalIgnoreCase))
                    continue;
                if (rule.PathContains is not null && !path.Contains(rule.PathContains, StringComparison.Ordinal))
                    continue;
                rule.Seen++;
                if (applied is null && rule.Seen >= rule.Nth && rule.Seen < rule.Nth + rule.Times)
                    applied = rule;
            }
            return applied;
        }
    }

    public static WebApiException? ErrorOf(FaultRule rule) => rule.Status switch
    {
        0 => null,
        429 => new WebApiException(429, ErrorCodes.ThrottlingRequests.Hex,
            rule.Message ?? "Number of requests exceeded the limit of 6000 over time window of 300 seconds.",
            TimeSpan.FromSeconds(Math.Max(rule.RetryAfterSeconds, 0))),
        _ => new WebApiException(rule.Status, rule.Status >= 500 ? WebApiErrors.Unexpected : WebApiErrors.BadRequest,
            rule.Message ?? $"Injected fault: HTTP {rule.Status}.", rule.RetryAfterSeconds > 0 ? TimeSpan.FromSeconds(rule.RetryAfterSeconds) : null),
    };
}
