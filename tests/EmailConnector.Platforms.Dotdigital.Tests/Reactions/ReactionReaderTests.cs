using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;
using EmailConnector.Platforms.Dotdigital.Tests.Support;
using EmailConnector.Testing;
using Microsoft.Extensions.Time.Testing;

namespace EmailConnector.Platforms.Dotdigital.Tests.Reactions;

/// <summary>The since-date feeds: boundaries, late events, paging, replies, unsubscribes, complaints (scenarios 2, 4, 21–25).</summary>
public sealed class ReactionReaderTests : HarnessTests
{
    [Fact]
    public async Task ReadReactions_EventExactlyAtTheCursor_ArrivesOnce()
    {
        var (_, recipients, campaign) = await MailedListAsync(2);
        await Harness.Script.OpenAsync(campaign, recipients[0]); // at the instant the pull reads the server time

        var (first, cursor) = await PullAsync(ReactionFeed.Opens, null, TimeSpan.Zero);
        var (second, _) = await PullAsync(ReactionFeed.Opens, cursor, TimeSpan.Zero);

        Assert.Equal(recipients[0], Assert.Single(first).Record);
        Assert.Empty(second);
    }

    [Fact]
    public async Task ReadReactions_LateEventsWithAnOverlap_AreNeitherLostNorDuplicated()
    {
        var (_, recipients, campaign) = await MailedListAsync(3);
        var cursorTime = Time.GetUtcNow();
        await Harness.Script.OpenAsync(campaign, recipients[0]);
        var (first, cursor) = await PullAsync(ReactionFeed.Opens, null, TimeSpan.FromMinutes(30));
        Time.Advance(TimeSpan.FromMinutes(5));
        // Recorded now, dated at the old cursor and ten minutes before it (the vendor's write-buffer lag).
        await Harness.Script.ReactAsync("open", campaign, recipients[1], null, None, occurredAt: cursorTime, late: true);
        await Harness.Script.ReactAsync("open", campaign, recipients[2], null, None, occurredAt: cursorTime - TimeSpan.FromMinutes(10), late: true);

        var (second, cursor2) = await PullAsync(ReactionFeed.Opens, cursor, TimeSpan.FromMinutes(30));
        var (third, _) = await PullAsync(ReactionFeed.Opens, cursor2, TimeSpan.FromMinutes(30));

        var delivered = first.Concat(second).Concat(third).DistinctBy(e => e.EventId).ToList();
        Assert.Equal(recipients.Select(r => r.ToString()).Order(), delivered.Select(e => e.Record!.Value.ToString()).Order());
        Assert.All(second.Concat(third).Where(e => e.Record == recipients[0]), e => Assert.Equal(first[0], e));
    }

    [Fact]
    public async Task ReadReactions_LateEventWithoutOverlap_IsMissed_SoTheOverlapIsNeeded()
    {
        var (_, recipients, campaign) = await MailedListAsync(2);
        var cursorTime = Time.GetUtcNow();
        var (_, cursor) = await PullAsync(ReactionFeed.Opens, null, TimeSpan.Zero);
        Time.Advance(TimeSpan.FromMinutes(5));
        await Harness.Script.ReactAsync("open", campaign, recipients[1], null, None, occurredAt: cursorTime - TimeSpan.FromMinutes(1), late: true);

        var (withoutOverlap, _) = await PullAsync(ReactionFeed.Opens, cursor, TimeSpan.Zero);
        var (withOverlap, _) = await PullAsync(ReactionFeed.Opens, cursor, TimeSpan.FromMinutes(30));

        Assert.Empty(withoutOverlap);
        Assert.Equal(recipients[1], Assert.Single(withOverlap).Record);
    }

    [Fact]
    public async Task ReadReactions_SendsFeedInSmallPages_EveryRecipientOnce()
    {
        var (listId, recipients, campaign) = await MailedListAsync(7);

        var (events, _) = await PullAsync(ReactionFeed.Sends, null, TimeSpan.Zero, pageSize: 3);

        Assert.Equal(recipients.Select(r => r.ToString()).Order(), events.Select(e => e.Record!.Value.ToString()).Order());
        Assert.All(events, e => Assert.Equal((listId, campaign), (e.ListId, e.MailingId)));
    }

    [Fact]
    public async Task ReadReactions_SevenReplies_AreReadPerContactInPagesOfFive()
    {
        var (_, recipients, campaign) = await MailedListAsync(1);
        for (var i = 0; i < 7; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            await Harness.Script.ReplyAsync(campaign, recipients[0], automatic: i == 6);
        }

        var (events, _) = await PullAsync(ReactionFeed.Replies, null, TimeSpan.Zero);

        Assert.Equal(6, events.Count(e => e.Kind == ReactionKind.Reply));
        Assert.Equal(1, events.Count(e => e.Kind == ReactionKind.AutoReply));
        Assert.Equal(7, events.Select(e => e.EventId).Distinct().Count());
    }

    [Fact]
    public async Task ReadReactions_Unsubscribes_KeepListAndGlobalApart()
    {
        var (listId, recipients, campaign) = await MailedListAsync(2);
        await Harness.Script.UnsubscribeAsync(campaign, recipients[0], UnsubscribeScope.List);
        await Harness.Script.UnsubscribeAsync(campaign, recipients[1], UnsubscribeScope.Global);

        var (events, _) = await PullAsync(ReactionFeed.Unsubscribes, null, TimeSpan.Zero);

        var list = Assert.Single(events, e => e.Record == recipients[0]);
        Assert.Equal((UnsubscribeScope.List, listId), (list.UnsubscribeScope!.Value, list.ListId));
        Assert.Equal(UnsubscribeScope.Global, Assert.Single(events, e => e.Record == recipients[1]).UnsubscribeScope);
    }

    [Fact]
    public async Task ReadReactions_Complaint_ComesFromTheSuppressionFeed()
    {
        var (_, recipients, campaign) = await MailedListAsync(2);
        await Harness.Script.ComplainAsync(campaign, recipients[1]);

        var (events, _) = await PullAsync(ReactionFeed.Complaints, null, TimeSpan.Zero);

        Assert.Equal(recipients[1], Assert.Single(events).Record);
        var suppressions = await Platform.GetSuppressionsAsync(new SuppressionQuery(), None);
        Assert.Equal(SuppressionReason.Complaint, Assert.Single(suppressions.Entries).Reason);
    }

    [Fact]
    public async Task ReadReactions_ClicksCarryUrlIpAndAgent()
    {
        var (_, recipients, campaign) = await MailedListAsync(1);
        await Harness.Script.ClickAsync(campaign, recipients[0], "https://www.example.com/a");

        var (events, _) = await PullAsync(ReactionFeed.Clicks, null, TimeSpan.Zero);

        var click = Assert.Single(events);
        Assert.Equal(("https://www.example.com/a", "192.0.2.10"), (click.Url, click.IpAddress));
        Assert.NotNull(click.UserAgent);
    }

    [Fact]
    public async Task ReadReactions_NewSubscribersBeyondOneV3Page_FollowTheMarkerAndSkipCrmContacts()
    {
        // 1,000 contacts from CRM fill the first v3 page; the sign-ups after them are on the second.
        var list = await Platform.EnsureListAsync(Some.ListDefinition(), None);
        await Platform.ImportRecipientsAsync(list.Id, Some.Recipients(1000), None);
        var signUps = new[] { Some.EmailAddress("first"), Some.EmailAddress("second") };
        foreach (var address in signUps)
            await Harness.Script.SubscribeAsync(list.Id, address, new Dictionary<string, string?> { ["FIRSTNAME"] = "Nora" });

        var (events, _) = await PullAsync(ReactionFeed.NewSubscribers, null, TimeSpan.Zero, pageSize: 1);

        Assert.Equal(signUps, events.Select(e => e.EmailAddress));
        Assert.All(events, e => Assert.Equal((ReactionKind.Subscribe, list.Id, "Nora"), (e.Kind, e.ListId, e.Fields!["FIRSTNAME"])));
        Assert.True(Harness.Vendor.Statistics.RequestsByRoute["GET /contacts/v3"] >= 2);
    }

    [Fact]
    public async Task ReadReactions_CursorOfAnotherFeed_IsRefused()
    {
        var (_, cursor) = await PullAsync(ReactionFeed.Opens, null, TimeSpan.Zero);

        await Assert.ThrowsAsync<PlatformPermanentException>(() => Platform.ReadReactionsAsync(new ReactionFeedRequest(ReactionFeed.Clicks, cursor), None));
    }

    private async Task<(string ListId, IReadOnlyList<RecordReference> Recipients, string Campaign)> MailedListAsync(int count)
    {
        var list = await Platform.EnsureListAsync(Some.ListDefinition(), None);
        var recipients = Some.Recipients(count);
        await Platform.ImportRecipientsAsync(list.Id, recipients, None);
        var campaign = await Harness.Script.SendAsync(list.Id);
        Time.Advance(TimeSpan.FromMinutes(1));
        return (list.Id, recipients.Select(r => r.Record).ToList(), campaign);
    }

    private async Task<(List<ReactionEvent> Events, string Cursor)> PullAsync(ReactionFeed feed, string? cursor, TimeSpan overlap, int pageSize = 1000)
    {
        var events = new List<ReactionEvent>();
        while (true)
        {
            var page = await Platform.ReadReactionsAsync(new ReactionFeedRequest(feed, cursor, overlap, pageSize), None);
            Assert.True(page.Events.Count <= pageSize);
            events.AddRange(page.Events);
            cursor = page.NextCursor;
            if (!page.HasMore)
                return (events, cursor);
        }
    }
}
