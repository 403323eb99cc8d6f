using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;
using EmailConnector.Schema;
using EmailConnector.Testing.Platforms;
using EmailConnector.Worker.Reactions;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Worker.Tests.Reactions;

public sealed class ReactionSchedulerTests
{
    [Fact]
    public async Task RunOnce_EveryAccountAndSupportedFeed_WritesBackAndStoresTheirCursors()
    {
        await using var front = await WorkerFront.StartAsync();
        var (script, mailing, ann) = await SetupAsync(front);
        await script.ClickAsync(mailing, ann, "https://example.com");
        await script.UnsubscribeAsync(mailing, ann, UnsubscribeScope.Global);
        var scheduler = front.Worker("worker-a").GetRequiredService<ReactionScheduler>();

        var failed = await scheduler.RunOnceAsync(CancellationToken.None);

        Assert.Equal(0, failed);
        Assert.Single(front.Organization.Rows(CampaignResponseColumns.EntityName));
        Assert.Single(front.Organization.Rows(Suppression.EntityName));
        var feeds = Enum.GetValues<EmailConnector.Core.Reactions.ReactionFeed>().Count(f => front.Platform.Capabilities.Supports(f));
        Assert.Equal(feeds, front.Organization.Rows(SyncState.EntityName).Count(s => !string.IsNullOrEmpty(s.GetAttributeValue<string>(SyncState.Cursor))));
    }

    [Fact]
    public async Task RunOnce_OneFeedFails_TheOthersGoOnAndTheNextPassCatchesUp()
    {
        await using var front = await WorkerFront.StartAsync();
        var (script, mailing, ann) = await SetupAsync(front);
        await script.ClickAsync(mailing, ann, "https://example.com");
        await script.UnsubscribeAsync(mailing, ann, UnsubscribeScope.Global);
        var worker = front.Worker("worker-a");
        var scheduler = worker.GetRequiredService<ReactionScheduler>();
        front.Platform.FailNext(1);

        var failed = await scheduler.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, failed);
        // The health endpoint's per-feed view: one feed with its error type, the others with a success.
        var feeds = worker.GetRequiredService<EmailConnector.Worker.Health.WorkerStatus>().Snapshot().Where(a => a.Key.StartsWith("Feed:", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enum.GetValues<EmailConnector.Core.Reactions.ReactionFeed>().Count(f => front.Platform.Capabilities.Supports(f)), feeds.Count);
        var failing = Assert.Single(feeds, f => f.Value.LastErrorAt is not null);
        Assert.Null(failing.Value.LastSuccessAt);
        Assert.NotNull(failing.Value.LastErrorType);
        Assert.All(feeds.Where(f => f.Key != failing.Key), f => Assert.Equal(front.Clock.GetUtcNow(), f.Value.LastSuccessAt));
        Assert.Single(front.Organization.Rows(CampaignResponseColumns.EntityName));
        Assert.Single(front.Organization.Rows(Suppression.EntityName));
        Assert.Single(front.Organization.Rows(SyncState.EntityName), s => s.GetAttributeValue<string>(SyncState.LastError) is not null);

        Assert.Equal(0, await scheduler.RunOnceAsync(CancellationToken.None));
        Assert.Single(front.Organization.Rows(CampaignResponseColumns.EntityName));
        Assert.NotNull(worker.GetRequiredService<EmailConnector.Worker.Health.WorkerStatus>().Snapshot().Single(a => a.Key == failing.Key).Value.LastSuccessAt);
    }

    private static async Task<(IReactionScript Script, string Mailing, RecordReference Ann)> SetupAsync(WorkerFront front)
    {
        var activity = front.EmailActivity();
        var ann = new RecordReference("contact", front.Service.Create(new Entity("contact") { ["lastname"] = "Ann", ["emailaddress1"] = "ann@example.com" }));
        var list = await front.Platform.EnsureListAsync(new ListDefinition(new RecordReference("campaignactivity", activity), "Spring"), CancellationToken.None);
        await front.Platform.ImportRecipientsAsync(list.Id, [new PlatformRecipient(ann, "ann@example.com")], CancellationToken.None);
        front.Service.Update(new Entity("campaignactivity", activity) { [CampaignActivityColumns.PlatformListId] = list.Id });
        IReactionScript script = front.Platform;
        return (script, await script.SendAsync(list.Id), ann);
    }
}
