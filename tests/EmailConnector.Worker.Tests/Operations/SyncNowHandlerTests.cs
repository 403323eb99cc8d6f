using EmailConnector.Schema;
using EmailConnector.Worker.Queue;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Worker.Tests.Operations;

/// <summary>The "Sync now" button: ec_SyncNow queues a request, the worker pulls every feed and refreshes the figures.</summary>
public sealed class SyncNowHandlerTests
{
    [Fact]
    public async Task SyncNow_OfAnActivity_WritesBackEveryFeedAndTheKeyFigures()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await WriteBackScene.BuildAsync(front, EmailActivityMode.Subject, generateLeads: true);
        var mailing = await scene.Script.SendAsync(scene.ListId);
        await scene.Script.ClickAsync(mailing, scene.Ann, "https://example.com/a");
        await scene.Script.SubscribeAsync(scene.ListId, "carl@example.com", new Dictionary<string, string?>());
        front.Clock.Advance(TimeSpan.FromMinutes(1));

        var request = (Guid)front.Service.Execute(new OrganizationRequest(CustomApiNames.SyncNow.Name) { ["Target"] = new EntityReference("campaignactivity", scene.Activity) })
            [CustomApiNames.SyncNow.SyncRequestId];
        await DrainAsync(scene.Worker);

        Assert.Equal((int)QueueState.Succeeded, front.SyncRequest(request).GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value);
        Assert.Equal(2, front.Organization.Rows("email").Count);
        Assert.Single(front.Organization.Rows(CampaignResponseColumns.EntityName));
        Assert.Single(front.Organization.Rows("lead"));
        var activity = front.Service.Retrieve("campaignactivity", scene.Activity, new ColumnSet(CampaignActivityColumns.SentCount, CampaignActivityColumns.ClickCount, CampaignActivityColumns.StatisticsUpdatedOn));
        Assert.Equal(2, activity.GetAttributeValue<int>(CampaignActivityColumns.SentCount));
        Assert.Equal(1, activity.GetAttributeValue<int>(CampaignActivityColumns.ClickCount));
        Assert.Equal(front.Clock.GetUtcNow().UtcDateTime, activity.GetAttributeValue<DateTime>(CampaignActivityColumns.StatisticsUpdatedOn));
    }

    [Fact]
    public async Task SyncNow_Twice_DuplicatesNothing()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await WriteBackScene.BuildAsync(front, EmailActivityMode.Subject);
        var mailing = await scene.Script.SendAsync(scene.ListId);
        await scene.Script.ClickAsync(mailing, scene.Ann, "https://example.com/a");

        for (var i = 0; i < 2; i++)
        {
            front.Service.Execute(new OrganizationRequest(CustomApiNames.SyncNow.Name) { ["Target"] = new EntityReference("campaignactivity", scene.Activity) });
            scene.ForgetCursors();
            await DrainAsync(scene.Worker);
        }

        Assert.Equal(2, front.Organization.Rows("email").Count);
        var response = Assert.Single(front.Organization.Rows(CampaignResponseColumns.EntityName));
        Assert.Equal(1, response.GetAttributeValue<int>(CampaignResponseColumns.ClickCount));
        Assert.All(front.SyncRequests(), r => Assert.Equal((int)QueueState.Succeeded, r.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value));
    }

    private static async Task DrainAsync(IServiceProvider worker)
    {
        var processor = worker.GetRequiredService<QueueProcessor>();
        while (await processor.DrainOnceAsync(CancellationToken.None) > 0)
        {
        }
    }

    [Fact]
    public async Task SyncListNow_SyncedListWithUnsentMembers_ImportsThemToTheListsPlatformList()
    {
        await using var front = await WorkerFront.StartAsync();
        var synced = await ListMembershipChangedHandlerTests.SyncedList.StartAsync(front);
        // Members added while the list was not synced reach the platform only through "Sync list now".
        front.Service.Update(new Entity("list", synced.ListId) { [ListColumns.SyncToPlatform] = false });
        synced.Add("Able", "Carter");
        front.Service.Update(new Entity("list", synced.ListId) { [ListColumns.SyncToPlatform] = true });
        await synced.Scene.DrainAsync();
        Assert.True(string.IsNullOrEmpty(synced.PlatformListId()));

        front.Service.Execute(new OrganizationRequest(CustomApiNames.SyncListNow.Name) { ["Target"] = new EntityReference("list", synced.ListId) });
        await synced.Scene.DrainAsync();

        Assert.Equal(new[] { synced.Record("Able"), synced.Record("Carter") }.ToHashSet(), synced.Scene.Platform.SubscribedMembers(synced.PlatformListId()).ToHashSet());
        Assert.Equal(QueueState.Succeeded, RecipientScene.StateOf(synced.Scene.LastRequest(SyncOperation.SyncNow)));
    }
}
