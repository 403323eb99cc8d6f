using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Dotdigital.Tests.Support;
using EmailConnector.Testing.Platforms;

namespace EmailConnector.Platforms.Dotdigital.Tests;

/// <summary>
/// The shared platform contract, run against the Dotdigital adapter and its contract double over real HTTP. After each
/// test every exchange must have matched the vendor's OpenAPI files (when they are available).
/// </summary>
public sealed class DotdigitalPlatformTests : EmailPlatformContractTests, IAsyncLifetime
{
    private readonly List<DotdigitalHarness> _harnesses = [];

    protected override bool BouncesCarryStatusCodes => false;

    protected override string PersonalisationTag(string field) => "@" + field.ToUpperInvariant() + "@";

    protected override async Task<PlatformUnderTest> CreatePlatformAsync()
    {
        var harness = await DotdigitalHarness.StartAsync(Time);
        _harnesses.Add(harness);
        return new PlatformUnderTest(harness.Platform, harness.Script);
    }

    [Fact]
    public async Task Capabilities_AreThoseOfDotdigital()
    {
        var (platform, _) = await CreatePlatformAsync();

        Assert.Equal(DotdigitalPlatform.Name, platform.Capabilities.PlatformName);
        Assert.False(platform.Capabilities.Supports(PlatformFeatures.SharedAddresses));
        Assert.True(platform.Capabilities.Supports(PlatformFeatures.Replies | PlatformFeatures.ListLevelUnsubscribe | PlatformFeatures.Erase));
        Assert.Equal(128, platform.Capabilities.MaxListNameLength);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var harness in _harnesses)
        {
            await harness.DisposeAsync();
            harness.AssertExchangesMatchOpenApi();
        }
    }
}
