using EmailConnector.Core.Platforms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EmailConnector.Platforms.Smtp.Tests;

public sealed class SmtpPlatformServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddSmtpPlatform_ValidConfiguration_RegistersThePlatform()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ec-smtp-di-" + Guid.NewGuid().ToString("N"));
        using var host = Build(new Dictionary<string, string?> { ["Platforms:Smtp:DataFolder"] = folder, ["Platforms:Smtp:Relay:Port"] = "2525" });

        await host.StartAsync();
        var platform = host.Services.GetRequiredService<IEmailPlatform>();
        await host.StopAsync();

        Assert.IsType<SmtpEmailPlatform>(platform);
        Assert.Equal(2525, host.Services.GetRequiredService<IOptions<SmtpPlatformOptions>>().Value.Relay.Port);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData("Platforms:Smtp:Store", "PostgreSql", "PostgreSqlConnectionString")]
    [InlineData("Platforms:Smtp:Delivery", "Relay", "Relay:Host")]
    [InlineData("Platforms:Smtp:TokenSecret", "c2hvcnQ=", "TokenSecret")]
    [InlineData("Platforms:Smtp:PublicBaseUrl", "not a url", "PublicBaseUrl")]
    [InlineData("Platforms:Smtp:Relay:Port", "0", "Port")]
    public async Task AddSmtpPlatform_BadConfiguration_FailsAtStartNamingTheKey(string key, string value, string named)
    {
        using var host = Build(new Dictionary<string, string?> { [key] = value });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(named, failure.Message);
    }

    [Fact]
    public async Task AddSmtpPlatformFromSection_OtherSection_BindsItAndRegistersThePlatformOnlyByItsType()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ec-smtp-section-" + Guid.NewGuid().ToString("N"));
        using var host = Build(new Dictionary<string, string?>
        {
            ["Platforms:Accounts:brandA:Smtp:DataFolder"] = folder,
            ["Platforms:Accounts:brandA:Smtp:FeedbackIdSender"] = "brand-a",
            ["Platforms:Smtp:FeedbackIdSender"] = "not-this-one",
        }, services => services.AddSmtpPlatformFromSection("Platforms:Accounts:brandA:Smtp"));

        await host.StartAsync();
        var platform = host.Services.GetRequiredService<SmtpEmailPlatform>();
        await host.StopAsync();

        Assert.Null(host.Services.GetService<IEmailPlatform>());
        Assert.Equal("brand-a", host.Services.GetRequiredService<IOptions<SmtpPlatformOptions>>().Value.FeedbackIdSender);
        Assert.True(Directory.Exists(folder), "the platform did not open its store in the section's data folder");
        Assert.Same(platform, host.Services.GetRequiredService<SmtpEmailPlatform>());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static IHost Build(Dictionary<string, string?> settings, Action<IServiceCollection>? register = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        (register ?? (services => services.AddSmtpPlatform()))(builder.Services);
        return builder.Build();
    }
}
