using EmailConnector.Platforms.Smtp.Delivery;

namespace EmailConnector.Platforms.Smtp.Tests.Delivery;

public sealed class RetryPolicyTests
{
    [Fact]
    public void DelayAfter_Attempts_DoubleWithJitterUpToTheCap()
    {
        var policy = new RetryPolicy(TimeSpan.FromMinutes(5), TimeSpan.FromHours(1), new Random(1));

        var delays = Enumerable.Range(1, 8).Select(policy.DelayAfter).ToList();

        Assert.InRange(delays[0], TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(6));
        Assert.InRange(delays[2], TimeSpan.FromMinutes(16), TimeSpan.FromMinutes(24));
        Assert.All(delays, d => Assert.True(d <= TimeSpan.FromHours(1)));
        Assert.InRange(delays[7], TimeSpan.FromMinutes(48), TimeSpan.FromHours(1));
    }
}
