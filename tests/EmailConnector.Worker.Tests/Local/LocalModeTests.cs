using EmailConnector.Worker.Local;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EmailConnector.Worker.Tests.Local;

public sealed class LocalModeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ec-localmode-").FullName;

    [Fact]
    public void IsRequested_WithoutAnyDataverseSetting_IsTrue()
    {
        Assert.True(LocalMode.IsRequested(Configuration(new() { ["Worker:Platform"] = "Smtp" })));
    }

    [Theory]
    [InlineData("Dataverse:Url", "https://contoso.crm.dynamics.com")]
    [InlineData("Dataverse:ClientId", "00000000-0000-0000-0000-000000000001")]
    [InlineData("Dataverse:ClientSecret", "secret")]
    [InlineData("Dataverse:TenantId", "contoso.onmicrosoft.com")]
    public void IsRequested_WithAnyDataverseSetting_IsFalse(string key, string value)
    {
        Assert.False(LocalMode.IsRequested(Configuration(new() { [key] = value })));
    }

    [Fact]
    public void IsRequested_WhenTurnedOff_IsFalse_AndTheMissingUrlIsTheConfigurationError()
    {
        Assert.False(LocalMode.IsRequested(Configuration(new() { ["Local:Enabled"] = "false" })));

        var failure = Assert.ThrowsAny<Exception>(() => LocalWorker.Build(_folder, new Dictionary<string, string?> { ["Local:Enabled"] = "false" }));

        Assert.True(WorkerLogging.IsConfigurationError(failure));
        Assert.Contains("Url", WorkerLogging.Describe(failure), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithoutDataverse_RunsLocalModeAgainstTheEmulatorWithTheBuiltInPlatformFolders()
    {
        using var host = LocalWorker.Build(_folder);

        var environment = (LocalEnvironment)host.Services.GetService(typeof(LocalEnvironment))!;
        var dataverse = host.Services.GetRequiredService<IOptions<EmailConnector.Dataverse.DataverseOptions>>().Value;
        var smtp = host.Services.GetRequiredService<IOptions<EmailConnector.Platforms.Smtp.SmtpPlatformOptions>>().Value;
        Assert.Equal(environment.EmulatorBaseAddress, dataverse.Url);
        Assert.Equal(EmailConnector.Dataverse.AuthorityKind.TokenEndpoint, dataverse.AuthorityKind);
        Assert.Equal(environment.TokenEndpoint, dataverse.Authority);
        Assert.Equal(Path.GetFullPath(_folder), smtp.DataFolderPath);
        Assert.Equal(Path.Combine(_folder, "pickup"), smtp.PickupFolderPath);
        Assert.Equal(EmailConnector.Platforms.Smtp.IntakeMode.Maildir, smtp.Intake.Mode);
        Assert.Equal(Path.Combine(_folder, "bounces"), smtp.Intake.MaildirPath);
        Assert.True(smtp.AllowUnsignedForLocalUse);
        Assert.Equal(environment.TrackingUrl, smtp.PublicBaseUrl);
        Assert.NotEqual(0, new Uri(environment.TrackingUrl).Port);
        Assert.Equal(EmailConnector.Worker.Reports.ReportOptions.Agpl, host.Services.GetRequiredService<IOptions<EmailConnector.Worker.Reports.ReportOptions>>().Value.PdfSharpLicense);
    }

    [Fact]
    public void Build_UserSettingsWinOverLocalModeChoices()
    {
        using var host = LocalWorker.Build(_folder, new Dictionary<string, string?> { ["Platforms:Smtp:AllowUnsignedForLocalUse"] = "false", ["Queue:PollInterval"] = "00:00:07" });

        Assert.False(host.Services.GetRequiredService<IOptions<EmailConnector.Platforms.Smtp.SmtpPlatformOptions>>().Value.AllowUnsignedForLocalUse);
        Assert.Equal(TimeSpan.FromSeconds(7), host.Services.GetRequiredService<IOptions<EmailConnector.Worker.Queue.QueueOptions>>().Value.PollInterval);
    }

    [Fact]
    public void Build_WithADataverseUrlButNoCredentials_FailsWithTheConfigurationLineInsteadOfLocalMode()
    {
        var failure = Assert.ThrowsAny<Exception>(() => LocalWorker.Build(_folder, new Dictionary<string, string?> { ["Dataverse:Url"] = "https://contoso.crm.dynamics.com" }));

        Assert.True(WorkerLogging.IsConfigurationError(failure));
        var line = WorkerLogging.Describe(failure);
        Assert.Contains("DataverseOptions", line, StringComparison.Ordinal);
        Assert.Contains("ClientId", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithCredentialsButNoUrl_FailsNamingTheUrl()
    {
        var failure = Assert.ThrowsAny<Exception>(() => LocalWorker.Build(_folder, new Dictionary<string, string?> { ["Dataverse:ClientId"] = "app", ["Dataverse:ClientSecret"] = "s", ["Dataverse:TenantId"] = "t" }));

        Assert.True(WorkerLogging.IsConfigurationError(failure));
        Assert.Contains("Url", WorkerLogging.Describe(failure), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_DemoWithARealOrg_IsAConfigurationError()
    {
        var failure = Assert.ThrowsAny<Exception>(() => LocalWorker.Build(_folder, new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "true", ["Dataverse:Url"] = "https://contoso.crm.dynamics.com", ["Dataverse:ClientId"] = "app",
            ["Dataverse:ClientSecret"] = "s", ["Dataverse:TenantId"] = "t",
        }));

        Assert.True(WorkerLogging.IsConfigurationError(failure));
        Assert.Contains("local mode", WorkerLogging.Describe(failure), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithAnInvalidLocalSetting_IsAConfigurationError()
    {
        var failure = Assert.ThrowsAny<Exception>(() => LocalWorker.Build(_folder, new Dictionary<string, string?> { ["Local:EmulatorPort"] = "70000" }));

        Assert.True(WorkerLogging.IsConfigurationError(failure));
        Assert.Contains("EmulatorPort", WorkerLogging.Describe(failure), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
