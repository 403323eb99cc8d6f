using EmailConnector.Platforms.Smtp.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace EmailConnector.Platforms.Smtp.Tests.Delivery;

public sealed class DomainThrottleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TryAcquire_BeyondTheRate_SaysWhenTheDomainIsFreeAgain()
    {
        var throttle = new DomainThrottle(60, _time);
        for (var i = 0; i < 60; i++)
            Assert.True(throttle.TryAcquire("example.com", out _));

        Assert.False(throttle.TryAcquire("example.com", out var freeAt));
        Assert.Equal(_time.GetUtcNow().AddSeconds(1), freeAt);
        Assert.True(throttle.TryAcquire("other.example", out _));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(throttle.TryAcquire("EXAMPLE.com", out _));
    }

    [Fact]
    public void Pause_AfterADeferral_HoldsTheDomainUntilTheGivenTime()
    {
        var throttle = new DomainThrottle(0, _time);
        throttle.Pause("gmail.com", _time.GetUtcNow().AddMinutes(5));

        Assert.False(throttle.TryAcquire("gmail.com", out var freeAt));
        Assert.Equal(_time.GetUtcNow().AddMinutes(5), freeAt);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(throttle.TryAcquire("gmail.com", out _));
    }
}
