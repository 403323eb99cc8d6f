using EmailConnector.Core.Reactions;
using EmailConnector.Testing;

namespace EmailConnector.Core.Tests.Reactions;

public sealed class KeyFiguresTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private int _id;

    [Fact]
    public void FromEvents_ScriptedMailing_CountsAndDerivesRates()
    {
        var a = Some.Contact();
        var b = Some.Contact();
        var c = Some.Contact();
        var d = Some.Contact();
        var events = new List<ReactionEvent>
        {
            Sent(a), Sent(b), Sent(c), Sent(d),
            Event(ReactionKind.Open, a), Event(ReactionKind.Open, a), Event(ReactionKind.Open, b),
            Event(ReactionKind.Click, b) with { Url = "https://example.com/1" },
            Event(ReactionKind.Click, c) with { Url = "https://example.com/2" },
            Event(ReactionKind.Bounce, d) with { BounceCategory = BounceCategory.Hard },
            Event(ReactionKind.Reply, a), Event(ReactionKind.AutoReply, b),
            Event(ReactionKind.Unsubscribe, b) with { UnsubscribeScope = UnsubscribeScope.Global },
        };

        var figures = KeyFigures.FromEvents(events);

        Assert.Equal(4, figures.Sent);
        Assert.Equal(3, figures.Delivered);
        Assert.Equal(3, figures.Opens);
        Assert.Equal(3, figures.UniqueOpens); // c clicked without a tracked open: a click implies an open
        Assert.Equal(2, figures.Clicks);
        Assert.Equal(2, figures.UniqueClicks);
        Assert.Equal(1, figures.HardBounces);
        Assert.Equal(1, figures.Replies);
        Assert.Equal(1, figures.AutoReplies);
        Assert.Equal(0.75, figures.DeliveredRate);
        Assert.Equal(0.25, figures.HardBounceRate);
        Assert.Equal(1.0, figures.UniqueOpenRate);
        Assert.Equal(2.0 / 3, figures.ClickRate);
        Assert.Equal(2.0 / 3, figures.ClickToOpenRate);
        Assert.Equal(1.0 / 3, figures.UnsubscribeRate);
        Assert.Equal(At, figures.FirstSentAt);
    }

    [Fact]
    public void FromEvents_SameEventTwice_CountsOnce()
    {
        var a = Some.Contact();
        var open = Event(ReactionKind.Open, a);

        var figures = KeyFigures.FromEvents([Sent(a), open, open]);

        Assert.Equal(1, figures.Opens);
    }

    [Fact]
    public void FromEvents_SoftBounce_StillCountsAsDelivered()
    {
        var a = Some.Contact();

        var figures = KeyFigures.FromEvents([Sent(a), Event(ReactionKind.Bounce, a) with { BounceCategory = BounceCategory.Soft }]);

        Assert.Equal(1, figures.Delivered);
        Assert.Equal(1, figures.SoftBounces);
    }

    [Fact]
    public void Rates_NothingSent_AreZero()
    {
        var figures = new KeyFigures();

        Assert.Equal(0, figures.DeliveredRate);
        Assert.Equal(0, figures.ClickToOpenRate);
    }

    private ReactionEvent Sent(RecordReference who) => Event(ReactionKind.Sent, who);

    private ReactionEvent Event(ReactionKind kind, RecordReference who) =>
        new() { EventId = "ev-" + ++_id, Kind = kind, OccurredAt = At, Record = who };
}
