using EmailConnector.Platforms.Smtp.Tests.Support;
using EmailConnector.Testing.Platforms;

namespace EmailConnector.Platforms.Smtp.Tests;

/// <summary>The shared contract suite against the SMTP platform: SQLite in a temp folder, pickup delivery, loopback tracking.</summary>
public sealed class SmtpEmailPlatformContractTests : EmailPlatformContractTests, IAsyncLifetime
{
    private readonly List<SmtpTestHost> _hosts = [];

    protected override async Task<PlatformUnderTest> CreatePlatformAsync()
    {
        var host = await SmtpTestHost.StartAsync(Time);
        _hosts.Add(host);
        return new PlatformUnderTest(host.Platform, new SmtpReactionScript(host));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
            await host.DisposeAsync();
    }
}
