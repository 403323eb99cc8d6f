using EmailConnector.Worker.Queue;

namespace EmailConnector.Worker.Tests.Queue;

public sealed class RetryPolicyTests
{
    private static QueueOptions Options(double jitter = 0) => new()
    {
        RetryBaseDelay = TimeSpan.FromSeconds(30),
        RetryMaxDelay = TimeSpan.FromMinutes(10),
        RetryJitter = jitter,
        MaxAttempts = 4,
    };

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(4, 240)]
    [InlineData(5, 480)]
    public void DelayAfter_WithoutJitter_DoublesPerAttempt(int attempts, int seconds)
    {
        var policy = new RetryPolicy(Options(), () => 0.5);

        Assert.Equal(TimeSpan.FromSeconds(seconds), policy.DelayAfter(attempts));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(40)]
    [InlineData(int.MaxValue)]
    public void DelayAfter_ManyAttempts_IsCappedAtMaxDelay(int attempts)
    {
        var policy = new RetryPolicy(Options(jitter: 0.2), () => 1.0);

        Assert.Equal(TimeSpan.FromMinutes(10), policy.DelayAfter(attempts));
    }

    [Fact]
    public void DelayAfter_WithJitter_StaysWithinTheSpread()
    {
        var low = new RetryPolicy(Options(jitter: 0.2), () => 0.0);
        var high = new RetryPolicy(Options(jitter: 0.2), () => 0.999999);

        Assert.Equal(TimeSpan.FromSeconds(48), low.DelayAfter(2));
        var upper = high.DelayAfter(2);
        Assert.InRange(upper, TimeSpan.FromSeconds(71.9), TimeSpan.FromSeconds(72));
    }

    [Fact]
    public void DelayAfter_RandomDraws_NeverLeaveTheBounds()
    {
        var random = new Random(7);
        var policy = new RetryPolicy(Options(jitter: 0.5), random.NextDouble);

        for (var i = 0; i < 200; i++)
            Assert.InRange(policy.DelayAfter(3), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(180));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(5, true)]
    public void IsExhausted_AtMaxAttempts_Parks(int attempts, bool exhausted)
    {
        var policy = new RetryPolicy(Options(), () => 0.5);

        Assert.Equal(exhausted, policy.IsExhausted(attempts));
    }
}
