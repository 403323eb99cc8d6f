namespace EmailConnector.Worker.Tests;

public sealed class WorkerOptionsTests
{
    [Fact]
    public void Ctor_Ok()
    {
        var options = new WorkerOptions();
        Assert.Equal("Worker", WorkerOptions.SectionName);
        Assert.Null(options.InstanceName);
        Assert.Equal(LogFormat.Text, options.LogFormat);
        Assert.Null(options.LogFilePath);
        Assert.Equal("Smtp", options.Platform);
        Assert.Equal(14, options.LogFileRetainedCount);
        Assert.Equal(TimeSpan.FromSeconds(15), options.ShutdownReleaseTimeout);
    }
}
