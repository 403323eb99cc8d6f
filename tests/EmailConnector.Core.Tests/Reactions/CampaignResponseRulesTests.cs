using EmailConnector.Core.Reactions;
using EmailConnector.Testing;

namespace EmailConnector.Core.Tests.Reactions;

public sealed class CampaignResponseRulesTests
{
    [Theory]
    [InlineData(ReactionKind.Click, ResponseMode.Clicks, ResponseAction.Create)]
    [InlineData(ReactionKind.Click, ResponseMode.ClicksAndOpens, ResponseAction.Create)]
    [InlineData(ReactionKind.Open, ResponseMode.Clicks, ResponseAction.None)]
    [InlineData(ReactionKind.Open, ResponseMode.ClicksAndOpens, ResponseAction.Create)]
    [InlineData(ReactionKind.Reply, ResponseMode.Clicks, ResponseAction.Create)]
    [InlineData(ReactionKind.AutoReply, ResponseMode.ClicksAndOpens, ResponseAction.None)]
    [InlineData(ReactionKind.Bounce, ResponseMode.ClicksAndOpens, ResponseAction.None)]
    [InlineData(ReactionKind.Unsubscribe, ResponseMode.ClicksAndOpens, ResponseAction.None)]
    [InlineData(ReactionKind.Sent, ResponseMode.ClicksAndOpens, ResponseAction.None)]
    [InlineData(ReactionKind.Subscribe, ResponseMode.ClicksAndOpens, ResponseAction.None)]
    public void Decide_NoResponseYet_CreatesOnlyForTheModesReactions(ReactionKind kind, ResponseMode mode, ResponseAction expected)
    {
        Assert.Equal(expected, CampaignResponseRules.Decide(Event(kind), mode, responseExists: false));
    }

    [Theory]
    [InlineData(ReactionKind.Open)]
    [InlineData(ReactionKind.AutoReply)]
    [InlineData(ReactionKind.Bounce)]
    [InlineData(ReactionKind.Unsubscribe)]
    [InlineData(ReactionKind.Complaint)]
    [InlineData(ReactionKind.Click)]
    public void Decide_ResponseExists_UpdatesIt(ReactionKind kind)
    {
        Assert.Equal(ResponseAction.Update, CampaignResponseRules.Decide(Event(kind), ResponseMode.Clicks, responseExists: true));
    }

    [Fact]
    public void Decide_SendWithExistingResponse_DoesNothing()
    {
        Assert.Equal(ResponseAction.None, CampaignResponseRules.Decide(Event(ReactionKind.Sent), ResponseMode.Clicks, responseExists: true));
    }

    [Fact]
    public void Decide_MachineClick_DoesNotCreate()
    {
        var scannerClick = Event(ReactionKind.Click) with { IsMachine = true };

        Assert.Equal(ResponseAction.None, CampaignResponseRules.Decide(scannerClick, ResponseMode.Clicks, responseExists: false));
    }

    [Fact]
    public void ResponseKey_SameActivityAndRecipient_IsOneKeyAcrossReactions()
    {
        var activity = Guid.NewGuid();
        var recipient = Some.Contact();

        Assert.Equal(CampaignResponseRules.ResponseKey(activity, recipient), CampaignResponseRules.ResponseKey(activity, recipient));
        Assert.NotEqual(CampaignResponseRules.ResponseKey(activity, recipient), CampaignResponseRules.ResponseKey(Guid.NewGuid(), recipient));
        Assert.NotEqual(CampaignResponseRules.ResponseKey(activity, recipient), CampaignResponseRules.ResponseKey(activity, RecordReference.Lead(recipient.Id)));
    }

    [Fact]
    public void CategoryOf_ReplyAndAutoReply_AreKeptApart()
    {
        Assert.NotEqual(CampaignResponseRules.CategoryOf(ReactionKind.Reply), CampaignResponseRules.CategoryOf(ReactionKind.AutoReply));
    }

    private static ReactionEvent Event(ReactionKind kind) => new()
    {
        EventId = "ev-1",
        Kind = kind,
        OccurredAt = DateTimeOffset.UnixEpoch,
        Record = Some.Contact(),
    };
}
