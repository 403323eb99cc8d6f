using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;
using EmailConnector.Schema;
using EmailConnector.Testing.Platforms;
using EmailConnector.Worker.Reactions;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;
using CoreFeed = EmailConnector.Core.Reactions.ReactionFeed;
using ResponseMode = EmailConnector.Schema.ResponseMode;
using BounceCategory = EmailConnector.Schema.BounceCategory;
using SuppressionReason = EmailConnector.Schema.SuppressionReason;

namespace EmailConnector.Worker.Tests.Reactions;

public sealed class ReactionPullTests
{
    private static readonly CoreFeed[] Feeds = [CoreFeed.Opens, CoreFeed.Clicks, CoreFeed.Bounces, CoreFeed.Unsubscribes, CoreFeed.Complaints];

    [Fact]
    public async Task Pull_OpensAndClicks_CreateOneResponsePerRecipientWithTheCounters()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await Scene.BuildAsync(front, ResponseMode.ClicksAndOpens);
        await scene.Script.OpenAsync(scene.Mailing, scene.Ann);
        front.Clock.Advance(TimeSpan.FromMinutes(1));
        await scene.Script.OpenAsync(scene.Mailing, scene.Ann);
        front.Clock.Advance(TimeSpan.FromMinutes(1));
        await scene.Script.ClickAsync(scene.Mailing, scene.Ann, "https://example.com/a");
        front.Clock.Advance(TimeSpan.FromMinutes(1));
        await scene.Script.ClickAsync(scene.Mailing, scene.Ann, "https://example.com/b");
        await scene.Script.ClickAsync(scene.Mailing, scene.Bob, "https://example.com/a");

        await scene.PullAllAsync();

        var responses = front.Organization.Rows(CampaignResponseColumns.EntityName);
        Assert.Equal(2, responses.Count);
        var ann = Assert.Single(responses, r => r.GetAttributeValue<string>(CampaignResponseColumns.ResponseKey) == CampaignResponseRules.ResponseKey(scene.Activity, scene.Ann));
        Assert.Equal(2, ann.GetAttributeValue<int>(CampaignResponseColumns.OpenCount));
        Assert.Equal(2, ann.GetAttributeValue<int>(CampaignResponseColumns.ClickCount));
        Assert.Equal("https://example.com/b", ann.GetAttributeValue<string>(CampaignResponseColumns.LastClickedUrl));
        Assert.Equal(
            new[] { (int)ReactionCategory.Open, (int)ReactionCategory.Click },
            ann.GetAttributeValue<OptionSetValueCollection>(CampaignResponseColumns.ReactionCategories).Select(o => o.Value).Order());
        var bob = Assert.Single(responses, r => r.GetAttributeValue<string>(CampaignResponseColumns.ResponseKey) == CampaignResponseRules.ResponseKey(scene.Activity, scene.Bob));
        Assert.Equal(0, bob.GetAttributeValue<int>(CampaignResponseColumns.OpenCount));
        Assert.Equal(1, bob.GetAttributeValue<int>(CampaignResponseColumns.ClickCount));
        Assert.Empty(front.Organization.Rows(EmailClick.EntityName));
    }

    [Fact]
    public async Task Pull_EveryClick_KeepsOneClickRowPerClickAndCountsThem()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await Scene.BuildAsync(front, ResponseMode.ClicksAndOpens, ClickDetail.EveryClick);
        await scene.Script.OpenAsync(scene.Mailing, scene.Ann);
        await scene.Script.ClickAsync(scene.Mailing, scene.Ann, "https://example.com/a");
        front.Clock.Advance(TimeSpan.FromMinutes(1));
        await scene.Script.ClickAsync(scene.Mailing, scene.Ann, "https://example.com/b");

        await scene.PullAllAsync();
        await scene.PullAllAsync();

        var response = Assert.Single(front.Organization.Rows(CampaignResponseColumns.EntityName));
        Assert.Equal(2, response.GetAttributeValue<int>(CampaignResponseColumns.ClickCount));
        Assert.Equal("https://example.com/b", response.GetAttributeValue<string>(CampaignResponseColumns.LastClickedUrl));
        Assert.Equal(["https://example.com/a", "https://example.com/b"], front.Organization.Rows(EmailClick.EntityName).Select(r => r.GetAttributeValue<string>(EmailClick.Url)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Pull_OpensOnlyInClicksMode_CreateNoResponse()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await Scene.BuildAsync(front, ResponseMode.Clicks);
        await scene.Script.OpenAsync(scene.Mailing, scene.Ann);

        await scene.PullAllAsync();

        Assert.Empty(front.Organization.Rows(CampaignResponseColumns.EntityName));
    }

    [Fact]
    public async Task Pull_ReplyAndAutoReply_OnlyTheRealReplyCreatesAResponse()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await Scene.BuildAsync(front, ResponseMode.Clicks);
        await scene.Script.ReplyAsync(scene.Mailing, scene.Ann, automatic: false);
        await scene.Script.ReplyAsync(scene.Mailing, scene.Bob, automatic: true);

        foreach (var feed in (CoreFeed[])[.. Feeds, CoreFeed.Replies])
            await scene.Pull.PullAsync(scene.Account, feed);

        var response = Assert.Single(front.Organization.Rows(CampaignResponseColumns.EntityName));
        Assert.Equal(CampaignResponseRules.ResponseKey(scene.Activity, scene.Ann), response.GetAttributeValue<string>(CampaignResponseColumns.ResponseKey));
        Assert.Equal(
            new[] { (int)ReactionCategory.Reply },
            response.GetAttributeValue<OptionSetValueCollection>(CampaignResponseColumns.ReactionCategories).Select(o => o.Value));
    }

    [Theory]
    [InlineData(ClickDetail.CountsOnly)]
    [InlineData(ClickDetail.EveryClick)]
    public async Task Pull_ReplayedFromAnOlderCursor_ChangesNothing(ClickDetail detail)
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await Scene.BuildAsync(front, ResponseMode.ClicksAndOpens, detail);
        await scene.Script.OpenAsync(scene.Mailing, scene.Ann);
        front.Clock.Advance(TimeSpan.FromMinutes(1));
        await scene.Script.ClickAsync(scene.Mailing, scene.Ann, "https://example.com/a");
        await scene.Script.BounceAsync(scene.Mailing, scene.Bob, "5.1.1", "550 5.1.1 user unknown");
        await scene.Script.UnsubscribeAsync(scene.Mailing, scene.Ann, UnsubscribeScope.Global);
        await scene.PullAllAsync();
        var before = Snapshot(front);

        // The crash case: the write-back happened but the cursors were never stored.
        foreach (var state in front.Organization.Rows(SyncState.EntityName))
            front.Service.Update(new Entity(SyncState.EntityName, state.Id) { [SyncState.Cursor] = null });
        await scene.PullAllAsync();
        await scene.PullAllAsync();

        Assert.Equal(before, Snapshot(front));
        Assert.Equal(Feeds.Length, front.Organization.Rows(SyncState.EntityName).Count);
        var ann = Assert.Single(front.Organization.Rows(CampaignResponseColumns.EntityName));
        Assert.Equal(1, ann.GetAttributeValue<int>(CampaignResponseColumns.OpenCount));
        Assert.Equal(1, ann.GetAttributeValue<int>(CampaignResponseColumns.ClickCount));
    }

    [Fact]
    public async Task Pull_HardBounce_FlagsTheContactInvalid()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await Scene.BuildAsync(front, ResponseMode.Clicks);
        await scene.Script.BounceAsync(scene.Mailing, scene.Bob, "5.1.1", "550 5.1.1 user unknown");

        await scene.PullAllAsync();

        var bob = front.Service.Retrieve("contact", scene.Bob.Id, new Microsoft.Xrm.Sdk.Query.ColumnSet(true));
        Assert.True(bob.GetAttributeValue<bool>(RecipientColumns.EmailInvalid));
        Assert.Equal((int)BounceCategory.Hard, bob.GetAttributeValue<OptionSetValue>(RecipientColumns.BounceCategory).Value);
        Assert.Equal(1, bob.GetAttributeValue<int>(RecipientColumns.HardBounceCount));
        Assert.Equal(WorkerFront.Start.UtcDateTime, bob.GetAttributeValue<DateTime>(RecipientColumns.LastBounceOn));
        var ann = front.Service.Retrieve("contact", scene.Ann.Id, new Microsoft.Xrm.Sdk.Query.ColumnSet(RecipientColumns.EmailInvalid));
        Assert.False(ann.GetAttributeValue<bool>(RecipientColumns.EmailInvalid));
    }

    [Fact]
    public async Task Pull_SoftBounce_CountsWithoutFlaggingInvalid()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await Scene.BuildAsync(front, ResponseMode.Clicks);
        await scene.Script.BounceAsync(scene.Mailing, scene.Bob, "4.2.2", "452 4.2.2 mailbox full");

        await scene.PullAllAsync();

        var bob = front.Service.Retrieve("contact", scene.Bob.Id, new Microsoft.Xrm.Sdk.Query.ColumnSet(true));
        Assert.False(bob.GetAttributeValue<bool>(RecipientColumns.EmailInvalid));
        Assert.Equal((int)BounceCategory.Soft, bob.GetAttributeValue<OptionSetValue>(RecipientColumns.BounceCategory).Value);
        Assert.Equal(1, bob.GetAttributeValue<int>(RecipientColumns.SoftBounceCount));
    }

    [Fact]
    public async Task Pull_GlobalUnsubscribe_SetsDoNotBulkEmailAndOneSuppression()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await Scene.BuildAsync(front, ResponseMode.Clicks);
        await scene.Script.UnsubscribeAsync(scene.Mailing, scene.Ann, UnsubscribeScope.Global);

        await scene.PullAllAsync();
        await scene.PullAllAsync();

        var ann = front.Service.Retrieve("contact", scene.Ann.Id, new Microsoft.Xrm.Sdk.Query.ColumnSet("donotbulkemail"));
        Assert.True(ann.GetAttributeValue<bool>("donotbulkemail"));
        var suppression = Assert.Single(front.Organization.Rows(Suppression.EntityName));
        Assert.Equal("ann@example.com", suppression.GetAttributeValue<string>(Suppression.EmailAddress));
        Assert.Equal((int)SuppressionReason.Unsubscribed, suppression.GetAttributeValue<OptionSetValue>(Suppression.Reason).Value);
        Assert.Equal((int)SuppressionSource.EmailPlatform, suppression.GetAttributeValue<OptionSetValue>(Suppression.Source).Value);
        var bob = front.Service.Retrieve("contact", scene.Bob.Id, new Microsoft.Xrm.Sdk.Query.ColumnSet("donotbulkemail"));
        Assert.False(bob.GetAttributeValue<bool>("donotbulkemail"));
        Assert.Empty(front.Organization.Rows(ListUnsubscribe.EntityName));
    }

    [Fact]
    public async Task Pull_ListUnsubscribe_CreatesOneListUnsubscribeRowAndKeepsBulkEmail()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await Scene.BuildAsync(front, ResponseMode.Clicks);
        await scene.Script.UnsubscribeAsync(scene.Mailing, scene.Ann, UnsubscribeScope.List);

        await scene.PullAllAsync();
        foreach (var state in front.Organization.Rows(SyncState.EntityName))
            front.Service.Update(new Entity(SyncState.EntityName, state.Id) { [SyncState.Cursor] = null });
        await scene.PullAllAsync();

        var row = Assert.Single(front.Organization.Rows(ListUnsubscribe.EntityName));
        Assert.Equal(scene.Ann.Id, row.GetAttributeValue<EntityReference>(ListUnsubscribe.ContactId).Id);
        Assert.Equal(scene.Activity, row.GetAttributeValue<EntityReference>(ListUnsubscribe.CampaignActivityId).Id);
        var ann = front.Service.Retrieve("contact", scene.Ann.Id, new Microsoft.Xrm.Sdk.Query.ColumnSet("donotbulkemail"));
        Assert.False(ann.GetAttributeValue<bool>("donotbulkemail"));
        Assert.Empty(front.Organization.Rows(Suppression.EntityName));
    }

    [Fact]
    public async Task Pull_NothingNew_StoresTheCursorOnceForEachFeed()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await Scene.BuildAsync(front, ResponseMode.Clicks);

        var result = await scene.Pull.PullAsync(scene.Account, CoreFeed.Clicks);

        Assert.True(result.CursorSaved);
        Assert.Equal(0, result.Events);
        var state = Assert.Single(front.Organization.Rows(SyncState.EntityName));
        Assert.False(string.IsNullOrEmpty(state.GetAttributeValue<string>(SyncState.Cursor)));
        Assert.Equal((int)EmailConnector.Schema.ReactionFeed.Clicks, state.GetAttributeValue<OptionSetValue>(SyncState.Feed).Value);
    }

    [Fact]
    public async Task Pull_PlatformFails_RecordsTheErrorAndKeepsTheCursor()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await Scene.BuildAsync(front, ResponseMode.Clicks);
        await scene.Pull.PullAsync(scene.Account, CoreFeed.Clicks);
        var cursor = Assert.Single(front.Organization.Rows(SyncState.EntityName)).GetAttributeValue<string>(SyncState.Cursor);
        await scene.Script.ClickAsync(scene.Mailing, scene.Ann, "https://example.com/a");
        front.Platform.FailNext(1);

        await Assert.ThrowsAsync<PlatformTransientException>(() => scene.Pull.PullAsync(scene.Account, CoreFeed.Clicks));

        var state = Assert.Single(front.Organization.Rows(SyncState.EntityName));
        Assert.Equal(cursor, state.GetAttributeValue<string>(SyncState.Cursor));
        Assert.StartsWith(nameof(PlatformTransientException), state.GetAttributeValue<string>(SyncState.LastError), StringComparison.Ordinal);
        Assert.Empty(front.Organization.Rows(CampaignResponseColumns.EntityName));

        await scene.Pull.PullAsync(scene.Account, CoreFeed.Clicks);

        Assert.Single(front.Organization.Rows(CampaignResponseColumns.EntityName));
    }

    [Fact]
    public async Task Pull_WithEvents_RefreshesTheKeyFiguresOfTheirActivity()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await WriteBackScene.BuildAsync(front);
        var mailing = await scene.Script.SendAsync(scene.ListId);
        await scene.Script.OpenAsync(mailing, scene.Ann);
        front.Clock.Advance(TimeSpan.FromMinutes(5));

        var result = await scene.Pull.PullAsync(scene.Account, CoreFeed.Opens);

        Assert.Equal([scene.Activity], result.Activities);
        var activity = front.Service.Retrieve("campaignactivity", scene.Activity, new Microsoft.Xrm.Sdk.Query.ColumnSet(
            CampaignActivityColumns.SentCount, CampaignActivityColumns.OpenCount, CampaignActivityColumns.StatisticsUpdatedOn));
        Assert.Equal(2, activity.GetAttributeValue<int>(CampaignActivityColumns.SentCount));
        Assert.Equal(1, activity.GetAttributeValue<int>(CampaignActivityColumns.OpenCount));
        Assert.Equal(front.Clock.GetUtcNow().UtcDateTime, activity.GetAttributeValue<DateTime>(CampaignActivityColumns.StatisticsUpdatedOn));
    }

    [Fact]
    public async Task Pull_WithoutEvents_LeavesTheKeyFiguresAlone()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await WriteBackScene.BuildAsync(front);
        await scene.Script.SendAsync(scene.ListId);

        var result = await scene.Pull.PullAsync(scene.Account, CoreFeed.Opens);

        Assert.Empty(result.Activities);
        var activity = front.Service.Retrieve("campaignactivity", scene.Activity, new Microsoft.Xrm.Sdk.Query.ColumnSet(CampaignActivityColumns.StatisticsUpdatedOn));
        Assert.False(activity.Contains(CampaignActivityColumns.StatisticsUpdatedOn));
    }

    private static string Snapshot(WorkerFront front)
    {
        static string Row(Entity e, params string[] columns) =>
            e.Id + "|" + string.Join("|", columns.Select(c => e.Attributes.TryGetValue(c, out var v) ? v switch
            {
                OptionSetValue o => o.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                OptionSetValueCollection m => string.Join(",", m.Select(x => x.Value).Order()),
                EntityReference r => r.Id.ToString(),
                _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
            } : "-"));
        var parts = new List<string>();
        parts.AddRange(front.Organization.Rows(CampaignResponseColumns.EntityName).Select(e => Row(e,
            CampaignResponseColumns.ResponseKey, CampaignResponseColumns.OpenCount, CampaignResponseColumns.ClickCount,
            CampaignResponseColumns.LastClickedUrl, CampaignResponseColumns.ReactionCategories, CampaignResponseColumns.LastReactionOn,
            CampaignResponseColumns.LastClickOn)));
        parts.AddRange(front.Organization.Rows(EmailClick.EntityName).Select(e => Row(e, EmailClick.PlatformEventId)));
        parts.AddRange(front.Organization.Rows("contact").Select(e => Row(e,
            "donotbulkemail", RecipientColumns.EmailInvalid, RecipientColumns.HardBounceCount, RecipientColumns.SoftBounceCount, RecipientColumns.LastBounceOn)));
        parts.AddRange(front.Organization.Rows(Suppression.EntityName).Select(e => Row(e, Suppression.EmailAddress, Suppression.SuppressedOn)));
        parts.AddRange(front.Organization.Rows(ListUnsubscribe.EntityName).Select(e => Row(e, ListUnsubscribe.ContactId)));
        return string.Join("\n", parts.Order(StringComparer.Ordinal));
    }

    private sealed class Scene
    {
        private Scene(WorkerFront front) => Front = front;

        public WorkerFront Front { get; }

        public IReactionScript Script => Front.Platform;

        public ReactionPull Pull { get; private set; } = null!;

        public Guid Activity { get; private set; }

        public Guid Account { get; private set; }

        public string Mailing { get; private set; } = string.Empty;

        public RecordReference Ann { get; private set; }

        public RecordReference Bob { get; private set; }

        public static async Task<Scene> BuildAsync(WorkerFront front, ResponseMode mode, ClickDetail? detail = null)
        {
            var scene = new Scene(front);
            scene.Activity = front.EmailActivity();
            var activity = front.Service.Retrieve("campaignactivity", scene.Activity, new Microsoft.Xrm.Sdk.Query.ColumnSet(CampaignActivityColumns.PlatformAccountId));
            scene.Account = activity.GetAttributeValue<EntityReference>(CampaignActivityColumns.PlatformAccountId).Id;
            if (detail is { } clickDetail)
                front.Service.Update(new Entity(PlatformAccount.EntityName, scene.Account) { [PlatformAccount.ClickDetail] = new OptionSetValue((int)clickDetail) });
            scene.Ann = new RecordReference("contact", front.Service.Create(new Entity("contact") { ["lastname"] = "Ann", ["emailaddress1"] = "ann@example.com" }));
            scene.Bob = new RecordReference("contact", front.Service.Create(new Entity("contact") { ["lastname"] = "Bob", ["emailaddress1"] = "bob@example.com" }));

            var list = await front.Platform.EnsureListAsync(new ListDefinition(new RecordReference("campaignactivity", scene.Activity), "Spring"), CancellationToken.None);
            await front.Platform.ImportRecipientsAsync(list.Id, [new PlatformRecipient(scene.Ann, "ann@example.com"), new PlatformRecipient(scene.Bob, "bob@example.com")], CancellationToken.None);
            front.Service.Update(new Entity("campaignactivity", scene.Activity)
            {
                [CampaignActivityColumns.PlatformListId] = list.Id,
                [CampaignActivityColumns.ResponseMode] = new OptionSetValue((int)mode),
            });
            scene.Mailing = await scene.Script.SendAsync(list.Id);
            scene.Pull = front.Worker("worker-a").GetRequiredService<ReactionPull>();
            return scene;
        }

        public async Task PullAllAsync()
        {
            foreach (var feed in Feeds)
                await Pull.PullAsync(Account, feed);
        }
    }
}
