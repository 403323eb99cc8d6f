using EmailConnector.Worker.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EmailConnector.Worker.Tests.Health;

public sealed class HealthOptionsTests
{
    [Fact]
    public void Ctor_Ok()
    {
        var options = new HealthOptions();
        Assert.Equal("Health", HealthOptions.SectionName);
        Assert.Equal("http://127.0.0.1:8081", options.Url);
        Assert.True(options.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(30), options.QueueRefreshInterval);
        Assert.Equal(TimeSpan.FromMinutes(30), options.DegradedPendingAge);
        Assert.Equal(TimeSpan.FromMinutes(5), options.UnhealthySnapshotAge);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("https://127.0.0.1:8081")]
    [InlineData("http://127.0.0.1:8081/health")]
    [InlineData("http://127.0.0.1")]
    [InlineData("ftp://127.0.0.1:8081")]
    public void Validate_WhenUrlInvalid_FailsStartWithOneConfigurationLine(string url)
    {
        using var provider = Services(url);

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.True(WorkerLogging.IsConfigurationError(failure));
        Assert.Contains($"Health:Url '{url}'", WorkerLogging.Describe(failure), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenHealthUrlAndAnotherSectionInvalid_DescribesBothOnOneConfigurationLine()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEmailConnectorQueue(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Health:Url"] = "http://127.0.0.1:8081/health" }).Build());
        using var provider = services.BuildServiceProvider();

        var failure = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.True(WorkerLogging.IsConfigurationError(failure));
        var line = WorkerLogging.Describe(failure);
        Assert.StartsWith("invalid configuration: ", line, StringComparison.Ordinal);
        Assert.Contains("Health:Url 'http://127.0.0.1:8081/health'", line, StringComparison.Ordinal);
        Assert.Contains("DataverseOptions", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://localhost:9090/")]
    [InlineData("http://0.0.0.0:8081")]
    public void Validate_WhenUrlValidOrEmpty_Passes(string url)
    {
        using var provider = Services(url);

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(url.Length > 0, provider.GetRequiredService<IOptions<HealthOptions>>().Value.Enabled);
    }

    [Fact]
    public void Validate_WhenSnapshotAgeShorterThanRefresh_Fails()
    {
        using var provider = Services("", new() { ["Health:QueueRefreshInterval"] = "00:10:00", ["Health:UnhealthySnapshotAge"] = "00:05:00" });

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("UnhealthySnapshotAge", WorkerLogging.Describe(failure), StringComparison.Ordinal);
    }

    private static ServiceProvider Services(string url, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["Health:Url"] = url };
        foreach (var (key, value) in more ?? [])
            settings[key] = value;
        var services = new ServiceCollection();
        services.AddEmailConnectorMetrics(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }
}
