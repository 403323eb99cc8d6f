using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Schema;
using EmailConnector.Testing;
using EmailConnector.Testing.Platforms;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Worker.Tests.Operations;

public sealed class ListMembershipChangedHandlerTests
{
    [Fact]
    public async Task Membership_MembersAdded_ImportsTheEligibleOnesWithReasonsForTheOthers()
    {
        await using var front = await WorkerFront.StartAsync();
        var synced = await SyncedList.StartAsync(front);

        synced.Add("Able", "Baker", "Carter");
        await synced.Scene.DrainAsync();

        var platformListId = synced.PlatformListId();
        Assert.False(string.IsNullOrEmpty(platformListId));
        Assert.Equal(new[] { synced.Record("Able"), synced.Record("Carter") }.ToHashSet(), synced.Scene.Platform.SubscribedMembers(platformListId).ToHashSet());
        Assert.StartsWith("DoNotBulkEmail:", synced.Contact("Baker").GetAttributeValue<string>(RecipientColumns.LastSyncError), StringComparison.Ordinal);
        Assert.Equal((int)SyncStatus.Synced, synced.Contact("Able").GetAttributeValue<OptionSetValue>(RecipientColumns.SyncStatus).Value);
        Assert.Equal(QueueState.Succeeded, RecipientScene.StateOf(synced.Scene.LastRequest(SyncOperation.ListMembershipChanged)));
    }

    [Fact]
    public async Task Membership_Replayed_CreatesNoSecondListOrContact()
    {
        await using var front = await WorkerFront.StartAsync();
        var synced = await SyncedList.StartAsync(front);
        synced.Add("Able", "Carter");
        await synced.Scene.DrainAsync();
        var request = synced.Scene.LastRequest(SyncOperation.ListMembershipChanged);
        var listsBefore = synced.Scene.Platform.Calls.GetValueOrDefault("EnsureList");

        synced.Scene.Requeue(request.Id);
        await synced.Scene.DrainAsync();

        Assert.Equal(2, synced.Scene.Platform.SubscribedMembers(synced.PlatformListId()).Count);
        var able = await synced.Scene.Platform.GetRecipientAsync(synced.Record("Able"), null, CancellationToken.None);
        Assert.NotNull(able);
        Assert.Equal(listsBefore + 1, synced.Scene.Platform.Calls.GetValueOrDefault("EnsureList"));
        Assert.Equal(QueueState.Succeeded, RecipientScene.StateOf(front.SyncRequest(request.Id)));
    }

    [Fact]
    public async Task Membership_MemberRemoved_UnsubscribesFromThatListOnly()
    {
        await using var front = await WorkerFront.StartAsync();
        var synced = await SyncedList.StartAsync(front);
        synced.Add("Able", "Carter");
        await synced.Scene.DrainAsync();

        front.Service.Execute(new OrganizationRequest("RemoveMemberList") { ["ListId"] = synced.ListId, ["EntityId"] = synced.Scene.Contact("Able") });
        await synced.Scene.DrainAsync();

        var able = await synced.Scene.Platform.GetRecipientAsync(synced.Record("Able"), synced.PlatformListId(), CancellationToken.None);
        Assert.Equal(MembershipStatus.Unsubscribed, able!.ListStatus);
        Assert.False(able.GloballyUnsubscribed);
        Assert.Equal(new[] { synced.Record("Carter") }, synced.Scene.Platform.SubscribedMembers(synced.PlatformListId()));
        // The activity's own list is another list: leaving the synced list does not touch it.
        var onActivity = await synced.Scene.Platform.GetRecipientAsync(synced.Record("Able"), synced.Scene.PlatformListId, CancellationToken.None);
        Assert.Equal(MembershipStatus.Subscribed, onActivity!.ListStatus);
    }

    [Fact]
    public async Task Membership_RemovedWithoutListLevelUnsubscribe_LeavesTheMemberAndNeverUnsubscribesGlobally()
    {
        await using var front = await WorkerFront.StartAsync();
        var synced = await SyncedList.StartAsync(front, new InMemoryEmailPlatformOptions { Features = InMemoryEmailPlatformOptions.AllFeatures & ~PlatformFeatures.ListLevelUnsubscribe });
        synced.Add("Able", "Carter");
        await synced.Scene.DrainAsync();
        var unsubscribes = synced.Scene.Platform.Calls.GetValueOrDefault("Unsubscribe");

        front.Service.Execute(new OrganizationRequest("RemoveMemberList") { ["ListId"] = synced.ListId, ["EntityId"] = synced.Scene.Contact("Able") });
        await synced.Scene.DrainAsync();

        var able = await synced.Scene.Platform.GetRecipientAsync(synced.Record("Able"), synced.PlatformListId(), CancellationToken.None);
        Assert.Equal(MembershipStatus.Subscribed, able!.ListStatus);
        Assert.False(able.GloballyUnsubscribed);
        Assert.Equal(unsubscribes, synced.Scene.Platform.Calls.GetValueOrDefault("Unsubscribe"));
        Assert.Equal(QueueState.Succeeded, RecipientScene.StateOf(synced.Scene.LastRequest(SyncOperation.ListMembershipChanged)));
    }

    [Fact]
    public async Task Membership_ListNotSynced_QueuesNothing()
    {
        await using var front = await WorkerFront.StartAsync();
        var synced = await SyncedList.StartAsync(front);
        front.Service.Update(new Entity("list", synced.ListId) { [ListColumns.SyncToPlatform] = false });

        synced.Add("Able");
        await synced.Scene.DrainAsync();

        Assert.DoesNotContain(front.SyncRequests(), r => r.GetAttributeValue<OptionSetValue>(SyncRequest.Operation).Value == (int)SyncOperation.ListMembershipChanged);
    }

    [Fact]
    public async Task Membership_AccountsAddedThenOneRemoved_MarksEachAccountAndUnsubscribesTheRemovedOne()
    {
        await using var front = await WorkerFront.StartAsync();
        var synced = await SyncedList.StartAsync(front);
        var service = front.Service;
        var platformAccount = service.Retrieve("list", synced.ListId, new ColumnSet(ListColumns.PlatformAccountId)).GetAttributeValue<EntityReference>(ListColumns.PlatformAccountId);
        var listId = service.Create(new Entity("list")
        {
            ["listname"] = "Partners", ["createdfromcode"] = new OptionSetValue(1), ["type"] = false,
            [ListColumns.SyncToPlatform] = true, [ListColumns.PlatformAccountId] = platformAccount,
        });
        var able = Seed.Account(service, "Able Ltd", "office@able.example");
        var baker = Seed.Account(service, "Baker Ltd", "office@baker.example", a => a["donotbulkemail"] = true);
        var carter = Seed.Account(service, "Carter Ltd", "office@carter.example");

        service.Execute(new OrganizationRequest("AddListMembersList") { ["ListId"] = listId, ["MemberIds"] = new[] { able, baker, carter } });
        await synced.Scene.DrainAsync();
        service.Execute(new OrganizationRequest("RemoveMemberList") { ["ListId"] = listId, ["EntityId"] = able });
        await synced.Scene.DrainAsync();

        Entity Row(Guid id) => service.Retrieve("account", id, new ColumnSet(RecipientColumns.SyncStatus, RecipientColumns.LastSyncError));
        Assert.Equal((int)SyncStatus.Synced, Row(able).GetAttributeValue<OptionSetValue>(RecipientColumns.SyncStatus).Value);
        Assert.StartsWith("DoNotBulkEmail:", Row(baker).GetAttributeValue<string>(RecipientColumns.LastSyncError), StringComparison.Ordinal);
        var platformListId = service.Retrieve("list", listId, new ColumnSet(ListColumns.PlatformListId)).GetAttributeValue<string>(ListColumns.PlatformListId);
        Assert.Equal([new RecordReference("account", carter)], synced.Scene.Platform.SubscribedMembers(platformListId));
        var removed = await synced.Scene.Platform.GetRecipientAsync(new RecordReference("account", able), platformListId, CancellationToken.None);
        Assert.Equal(MembershipStatus.Unsubscribed, removed!.ListStatus);
        Assert.Equal(QueueState.Succeeded, RecipientScene.StateOf(synced.Scene.LastRequest(SyncOperation.ListMembershipChanged)));
    }

    /// <summary>A transferred activity (for the platform account and known contacts) plus an empty list marked "Sync to platform".</summary>
    internal sealed class SyncedList
    {
        private SyncedList(RecipientScene scene, Guid listId)
        {
            Scene = scene;
            ListId = listId;
        }

        public RecipientScene Scene { get; }

        public Guid ListId { get; }

        public static async Task<SyncedList> StartAsync(WorkerFront front, InMemoryEmailPlatformOptions? options = null)
        {
            var scene = await RecipientScene.StartAsync(front, new Dictionary<string, string?>
            {
                ["Able"] = "able@example.com", ["Baker"] = "baker@example.com", ["Carter"] = "carter@example.com",
            }, options);
            front.Service.Update(new Entity("contact", scene.Contact("Baker")) { ["donotbulkemail"] = true });
            await scene.DrainAsync();
            var account = front.Service.Retrieve("campaignactivity", scene.ActivityId, new ColumnSet(CampaignActivityColumns.PlatformAccountId))
                .GetAttributeValue<EntityReference>(CampaignActivityColumns.PlatformAccountId);
            var listId = front.Service.Create(new Entity("list")
            {
                ["listname"] = "Synced", ["createdfromcode"] = new OptionSetValue(2), ["type"] = false,
                [ListColumns.SyncToPlatform] = true, [ListColumns.PlatformAccountId] = account,
            });
            return new SyncedList(scene, listId);
        }

        public void Add(params string[] names) => Scene.Front.Service.Execute(new OrganizationRequest("AddListMembersList")
        {
            ["ListId"] = ListId, ["MemberIds"] = names.Select(Scene.Contact).ToArray(),
        });

        public RecordReference Record(string name) => Scene.Record(name);

        public Entity Contact(string name) => Scene.ContactRow(name);

        public string PlatformListId() => Scene.Front.Service.Retrieve("list", ListId, new ColumnSet(ListColumns.PlatformListId)).GetAttributeValue<string>(ListColumns.PlatformListId);
    }
}
