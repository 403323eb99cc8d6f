using EmailConnector.Schema;
using EmailConnector.Worker.Reactions;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;
using CoreFeed = EmailConnector.Core.Reactions.ReactionFeed;

namespace EmailConnector.Worker.Tests.Reactions;

public sealed class SyncStateStoreTests
{
    [Fact]
    public async Task GetOrCreate_CalledTwice_KeepsOneRowPerAccountAndFeed()
    {
        await using var front = await WorkerFront.StartAsync();
        var (store, account) = Setup(front);

        var first = await store.GetOrCreateAsync(account, CoreFeed.Bounces, CancellationToken.None);
        var second = await store.GetOrCreateAsync(account, CoreFeed.Bounces, CancellationToken.None);
        await store.GetOrCreateAsync(account, CoreFeed.NewSubscribers, CancellationToken.None);

        Assert.Equal(first.Id, second.Id);
        Assert.Null(first.Cursor);
        var rows = front.Organization.Rows(SyncState.EntityName);
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.GetAttributeValue<OptionSetValue>(SyncState.Feed).Value == (int)EmailConnector.Schema.ReactionFeed.Subscriptions);
    }

    [Fact]
    public async Task TrySaveCursor_RowChangedSinceRead_RefusesAndKeepsTheOtherCursor()
    {
        await using var front = await WorkerFront.StartAsync();
        var (store, account) = Setup(front);
        var mine = await store.GetOrCreateAsync(account, CoreFeed.Clicks, CancellationToken.None);
        var theirs = await store.GetOrCreateAsync(account, CoreFeed.Clicks, CancellationToken.None);
        Assert.True(await store.TrySaveCursorAsync(theirs, "theirs", CancellationToken.None));

        var saved = await store.TrySaveCursorAsync(mine, "mine", CancellationToken.None);

        Assert.False(saved);
        var row = Assert.Single(front.Organization.Rows(SyncState.EntityName));
        Assert.Equal("theirs", row.GetAttributeValue<string>(SyncState.Cursor));
        Assert.Equal(WorkerFront.Start.UtcDateTime, row.GetAttributeValue<DateTime>(SyncState.LastSuccessOn));
    }

    private static (SyncStateStore Store, Guid Account) Setup(WorkerFront front)
    {
        var activity = front.EmailActivity();
        var account = front.Service.Retrieve("campaignactivity", activity, new Microsoft.Xrm.Sdk.Query.ColumnSet(CampaignActivityColumns.PlatformAccountId))
            .GetAttributeValue<EntityReference>(CampaignActivityColumns.PlatformAccountId).Id;
        return (front.Worker("worker-a").GetRequiredService<SyncStateStore>(), account);
    }
}
