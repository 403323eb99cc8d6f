using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Dotdigital;
using EmailConnector.Platforms.Smtp;
using EmailConnector.Worker.Platforms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EmailConnector.Worker.Tests.Platforms;

public sealed class EmailPlatformServiceCollectionExtensionsTests : IDisposable
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "ec-platform-choice-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(null)]
    [InlineData("Smtp")]
    [InlineData("smtp")]
    public async Task AddEmailConnectorPlatform_WhenSmtpOrUnset_ResolvesSmtpPlatform(string? choice)
    {
        var settings = new Dictionary<string, string?> { ["Platforms:Smtp:DataFolder"] = _dataFolder };
        if (choice is not null)
            settings["Worker:Platform"] = choice;
        await using var provider = Services(settings);

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.IsType<SmtpEmailPlatform>(provider.GetRequiredService<IEmailPlatform>());
    }

    [Theory]
    [InlineData("Dotdigital")]
    [InlineData("DOTDIGITAL")]
    public async Task AddEmailConnectorPlatform_WhenDotdigital_ResolvesDotdigitalPlatform(string choice)
    {
        await using var provider = Services(new()
        {
            ["Worker:Platform"] = choice,
            ["Platforms:Dotdigital:ApiUser"] = "apiuser-test@apiconnector.com",
            ["Platforms:Dotdigital:ApiPassword"] = "not-a-real-password",
        });

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.IsType<DotdigitalPlatform>(provider.GetRequiredService<IEmailPlatform>());
    }

    [Fact]
    public async Task AddEmailConnectorPlatform_WhenDotdigitalWithoutCredentials_FailsStart()
    {
        await using var provider = Services(new() { ["Worker:Platform"] = "Dotdigital" });

        var failure = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.True(WorkerLogging.IsConfigurationError(failure));
        Assert.Contains("ApiUser", WorkerLogging.Describe(failure), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddEmailConnectorPlatform_WhenUnknown_RegistersNoPlatformAndFailsStartWithOneConfigurationLine()
    {
        await using var provider = Services(new() { ["Worker:Platform"] = "Mailchimp" });

        var failure = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Null(provider.GetService<IEmailPlatform>());
        Assert.True(WorkerLogging.IsConfigurationError(failure));
        Assert.Contains("Worker:Platform must be Smtp or Dotdigital.", WorkerLogging.Describe(failure), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataFolder))
            Directory.Delete(_dataFolder, recursive: true);
    }

    // Only the worker's own options and the platform: the other sections are validated by their own tests.
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection(WorkerOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddEmailConnectorPlatform(configuration);
        return services.BuildServiceProvider();
    }
}
