namespace EmailConnector.Platforms.Smtp.Delivery;

/// <summary>
/// When to try a deferred message again: the base delay doubled per attempt, capped, with ±20 % jitter so that a
/// batch deferred together (greylisting, a rate limit) does not come back as one burst.
/// </summary>
internal sealed class RetryPolicy(TimeSpan baseDelay, TimeSpan maxDelay, Random random)
{
    private readonly object _gate = new();

    public TimeSpan DelayAfter(int attempt)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var delay = Math.Min(maxDelay.TotalSeconds, baseDelay.TotalSeconds * Math.Pow(2, exponent));
        double jitter;
        lock (_gate)
            jitter = 0.8 + (random.NextDouble() * 0.4);
        return TimeSpan.FromSeconds(Math.Min(maxDelay.TotalSeconds, delay * jitter));
    }
}
