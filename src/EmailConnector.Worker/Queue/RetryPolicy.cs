using Microsoft.Extensions.Options;

namespace EmailConnector.Worker.Queue;

/// <summary>
/// Exponential backoff with jitter: attempt n waits <c>RetryBaseDelay × 2^(n−1)</c>, capped at <c>RetryMaxDelay</c>,
/// spread by ±<c>RetryJitter</c> so workers that failed together do not retry together.
/// </summary>
public sealed class RetryPolicy
{
    private readonly QueueOptions _options;
    private readonly Func<double> _random;

    public RetryPolicy(IOptions<QueueOptions> options)
        : this(options.Value, Random.Shared.NextDouble)
    {
    }

    internal RetryPolicy(QueueOptions options, Func<double> random)
    {
        _options = options;
        _random = random;
    }

    /// <summary>True when a request that failed its <paramref name="attempts"/>-th attempt gets no further one.</summary>
    public bool IsExhausted(int attempts) => attempts >= _options.MaxAttempts;

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt (1-based).</summary>
    public TimeSpan DelayAfter(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var baseTicks = Math.Min(_options.RetryBaseDelay.Ticks * Math.Pow(2, exponent), _options.RetryMaxDelay.Ticks);
        var spread = 1 + (_options.RetryJitter * ((_random() * 2) - 1));
        var ticks = Math.Min(baseTicks * spread, _options.RetryMaxDelay.Ticks);
        return TimeSpan.FromTicks((long)Math.Max(ticks, TimeSpan.TicksPerSecond));
    }
}
