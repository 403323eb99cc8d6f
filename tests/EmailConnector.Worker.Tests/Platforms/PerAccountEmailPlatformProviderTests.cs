using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Dotdigital;
using EmailConnector.Testing.Platforms;
using EmailConnector.Worker.Operations;
using EmailConnector.Worker.Platforms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EmailConnector.Worker.Tests.Platforms;

public sealed class PerAccountEmailPlatformProviderTests : IDisposable
{
    private static readonly Guid BrandA = new("a0000000-0000-0000-0000-00000000000a");
    private static readonly Guid BrandB = new("b0000000-0000-0000-0000-00000000000b");
    private static readonly Guid Unlisted = new("c0000000-0000-0000-0000-00000000000c");

    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services;

    public PerAccountEmailPlatformProviderTests() =>
        _services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(_time).BuildServiceProvider();

    [Fact]
    public void For_ListedAccounts_EachGetsItsOwnAdapterEveryTime()
    {
        var fallback = new InMemoryEmailPlatform(_time);
        using var provider = Provider([fallback], Dotdigital("0", BrandA, "apiuser-a@apiconnector.com"), Dotdigital("1", BrandB, "apiuser-b@apiconnector.com"));

        var a = provider.For(BrandA);
        var b = provider.For(BrandB);

        Assert.IsType<DotdigitalPlatform>(a);
        Assert.IsType<DotdigitalPlatform>(b);
        Assert.NotSame(a, b);
        Assert.Same(a, provider.For(BrandA));
        Assert.NotSame(fallback, a);
    }

    [Fact]
    public void For_UnlistedAccount_FallsBackToTheDefaultPlatform()
    {
        var fallback = new InMemoryEmailPlatform(_time);
        using var provider = Provider([fallback], Dotdigital("0", BrandA, "apiuser-a@apiconnector.com"));

        Assert.Same(fallback, provider.For(Unlisted));
    }

    [Fact]
    public void For_UnlistedAccountWithoutDefault_ThrowsPermanentNamingTheAccountAndTheSetting()
    {
        using var provider = Provider([], Dotdigital("0", BrandA, "apiuser-a@apiconnector.com"));

        var thrown = Assert.Throws<PermanentRequestException>(() => provider.For(Unlisted));

        Assert.Contains(Unlisted.ToString("D"), thrown.Message, StringComparison.Ordinal);
        Assert.Contains("Platforms:Accounts", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("Worker:Platform", thrown.Message, StringComparison.Ordinal);
        Assert.IsType<DotdigitalPlatform>(provider.For(BrandA));
    }

    [Fact]
    public void For_NoAccountsAndOneDefault_ServesEveryAccountWithIt()
    {
        var fallback = new InMemoryEmailPlatform(_time);
        using var provider = Provider([fallback]);

        Assert.Same(fallback, provider.For(BrandA));
        Assert.Same(fallback, provider.For(BrandB));
    }

    [Fact]
    public void For_SmtpEntryInAContainerWithoutTheBuiltInPlatform_ThrowsPermanentNamingTheEntry()
    {
        using var provider = Provider([new InMemoryEmailPlatform(_time)], ("brandA", new PlatformAccountSettings { Id = BrandA.ToString(), Platform = "smtp" }));

        var thrown = Assert.Throws<PermanentRequestException>(() => provider.For(BrandA));

        Assert.Contains("Platforms:Accounts:brandA", thrown.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _services.Dispose();

    private static (string Key, PlatformAccountSettings Entry) Dotdigital(string key, Guid account, string apiUser) => (key, new PlatformAccountSettings
    {
        Id = account.ToString("D"),
        Platform = "Dotdigital",
        Dotdigital = new DotdigitalOptions { ApiUser = apiUser, ApiPassword = "not-a-real-password", ApiEndpoint = new Uri("http://127.0.0.1:9/") },
    });

    private PerAccountEmailPlatformProvider Provider(IEmailPlatform[] defaults, params (string Key, PlatformAccountSettings Entry)[] entries)
    {
        var options = new PlatformAccountsOptions();
        foreach (var (key, entry) in entries)
            options.Accounts[key] = entry;
        return new PerAccountEmailPlatformProvider(defaults, Options.Create(options), _services, NullLogger<PerAccountEmailPlatformProvider>.Instance);
    }
}
