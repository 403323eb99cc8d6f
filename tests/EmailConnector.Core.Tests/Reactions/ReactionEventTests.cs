using EmailConnector.Core.Reactions;
using EmailConnector.Testing;

namespace EmailConnector.Core.Tests.Reactions;

public sealed class ReactionEventTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Validate_ClickWithoutUrl_Throws()
    {
        Assert.Throws<ArgumentException>(() => Event(ReactionKind.Click).Validate());
    }

    [Fact]
    public void Validate_BounceWithoutCategory_Throws()
    {
        Assert.Throws<ArgumentException>(() => Event(ReactionKind.Bounce).Validate());
    }

    [Fact]
    public void Validate_ListUnsubscribeWithoutList_Throws()
    {
        Assert.Throws<ArgumentException>(() => (Event(ReactionKind.Unsubscribe) with { UnsubscribeScope = UnsubscribeScope.List }).Validate());
    }

    [Fact]
    public void Validate_OpenWithoutRecord_Throws()
    {
        Assert.Throws<ArgumentException>(() => (Event(ReactionKind.Open) with { Record = null }).Validate());
    }

    [Fact]
    public void Validate_SubscriptionWithAddressAndNoRecord_IsValid()
    {
        var subscribe = Event(ReactionKind.Subscribe) with { Record = null, EmailAddress = Some.EmailAddress() };

        Assert.Same(subscribe, subscribe.Validate());
    }

    [Fact]
    public void FeedOf_EveryKind_HasAFeed()
    {
        Assert.All(Enum.GetValues<ReactionKind>(), k => Assert.True(Enum.IsDefined(ReactionFeeds.FeedOf(k))));
        Assert.Equal(ReactionFeed.Replies, ReactionFeeds.FeedOf(ReactionKind.AutoReply));
    }

    private static ReactionEvent Event(ReactionKind kind) =>
        new() { EventId = "ev-1", Kind = kind, OccurredAt = At, Record = Some.Contact() };
}
