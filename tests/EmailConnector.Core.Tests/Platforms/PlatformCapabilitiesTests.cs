using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;

namespace EmailConnector.Core.Tests.Platforms;

public sealed class PlatformCapabilitiesTests
{
    [Fact]
    public void Supports_FeedWhoseFeatureIsMissing_IsFalse()
    {
        var sut = CreateSut(PlatformFeatures.Opens | PlatformFeatures.Clicks);

        Assert.True(sut.Supports(ReactionFeed.Clicks));
        Assert.False(sut.Supports(ReactionFeed.Replies));
        Assert.False(sut.Supports(PlatformFeatures.None));
    }

    [Fact]
    public void Require_MissingFeature_ThrowsNamingItAndTheOperation()
    {
        var sut = CreateSut(PlatformFeatures.Opens);

        var thrown = Assert.Throws<PlatformFeatureNotSupportedException>(() => sut.Require(PlatformFeatures.Erase, "EraseRecipient"));

        Assert.Equal(PlatformFeatures.Erase, thrown.Feature);
        Assert.Equal("EraseRecipient", thrown.Operation);
        Assert.False(thrown.IsTransient);
        Assert.Contains("Erase", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FeatureOf_EveryFeed_IsAFeedFeature()
    {
        Assert.All(Enum.GetValues<ReactionFeed>(), feed => Assert.NotEqual(PlatformFeatures.None, PlatformCapabilities.FeatureOf(feed)));
        Assert.Equal(Enum.GetValues<ReactionFeed>().Length, Enum.GetValues<ReactionFeed>().Select(PlatformCapabilities.FeatureOf).Distinct().Count());
    }

    [Fact]
    public void Exceptions_ThrottledIsTransientAndAuthenticationIsPermanent()
    {
        Assert.True(new PlatformThrottledException("x", "op", TimeSpan.FromSeconds(5)).IsTransient);
        Assert.IsAssignableFrom<PlatformTransientException>(new PlatformThrottledException("x", "op", null));
        Assert.False(new PlatformAuthenticationException("x", "op", "denied").IsTransient);
        Assert.IsAssignableFrom<PlatformPermanentException>(new PlatformAuthenticationException("x", "op", "denied"));
    }

    private static PlatformCapabilities CreateSut(PlatformFeatures features) => new() { PlatformName = "test", Features = features };
}
