using EmailConnector.Worker.Queue;

namespace EmailConnector.Worker.Tests.Queue;

public sealed class QueueOptionsTests
{
    [Fact]
    public void Ctor_Ok()
    {
        var options = new QueueOptions();
        Assert.Equal("Queue", QueueOptions.SectionName);
        Assert.Equal(TimeSpan.FromSeconds(10), options.PollInterval);
        Assert.Equal(20, options.BatchSize);
        Assert.Equal(TimeSpan.FromMinutes(10), options.LeaseDuration);
        Assert.Equal(5, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RetryBaseDelay);
        Assert.Equal(TimeSpan.FromHours(1), options.RetryMaxDelay);
        Assert.Equal(0.2, options.RetryJitter);
    }
}
