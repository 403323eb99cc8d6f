namespace EmailConnector.Platforms.Dotdigital.Double;

/// <summary>A transport fault for matching requests (scenario 20, 28, 29).</summary>
public sealed class FaultRule
{
    /// <summary>HTTP method, or * for any.</summary>
    public string Method { get; set; } = "*";

    /// <summary>Requests whose path starts with this.</summary>
    public string PathPrefix { get; set; } = "/";

    /// <summary>
    /// <c>status</c>: answer <see cref="Status"/> without doing anything; <c>commit-then-status</c>: do the work, then
    /// answer <see cref="Status"/> instead (a lost answer); <c>reset</c>: drop the connection unanswered;
    /// <c>delay</c>: answer after <see cref="DelayMilliseconds"/> of real time.
    /// </summary>
    public string Kind { get; set; } = "status";

    public int Status { get; set; } = 503;

    public int DelayMilliseconds { get; set; }

    /// <summary>How many matching requests are hit.</summary>
    public int Count { get; set; } = 1;
}

internal sealed class FaultInjector
{
    private readonly List<FaultRule> _rules = [];

    public void Add(FaultRule rule)
    {
        lock (_rules)
            _rules.Add(rule);
    }

    public FaultRule? Take(string method, string path)
    {
        lock (_rules)
        {
            var rule = _rules.FirstOrDefault(r => r.Count > 0 && (r.Method == "*" || r.Method.Equals(method, StringComparison.OrdinalIgnoreCase)) &&
                path.StartsWith(r.PathPrefix, StringComparison.OrdinalIgnoreCase));
            if (rule is null)
                return null;
            rule.Count--;
            if (rule.Count == 0)
                _rules.Remove(rule);
            return rule;
        }
    }
}
