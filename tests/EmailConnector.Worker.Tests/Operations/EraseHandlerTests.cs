using EmailConnector.Core.Reactions;
using EmailConnector.Schema;
using EmailConnector.Testing.Platforms;
using EmailConnector.Worker.Reactions;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Worker.Tests.Operations;

public sealed class EraseHandlerTests
{
    private static readonly Dictionary<string, string?> People = new() { ["Able"] = "able@example.com", ["Baker"] = "baker@example.com" };

    [Fact]
    public async Task Erase_ContactDeleted_ErasesAtThePlatformPurgesOurRowsAndKeepsAnAudit()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await RecipientScene.StartAsync(front, People);
        var able = Reactions(front, scene, "Able");
        var baker = Reactions(front, scene, "Baker");

        front.Service.Delete("contact", scene.Contact("Able"));
        await scene.DrainAsync();

        Assert.Null(await scene.Platform.GetRecipientAsync(scene.Record("Able"), null, CancellationToken.None));
        Assert.NotNull(await scene.Platform.GetRecipientAsync(scene.Record("Baker"), null, CancellationToken.None));
        Assert.DoesNotContain(front.Organization.Rows("campaignresponse"), r => r.Id == able.Response);
        Assert.DoesNotContain(front.Organization.Rows(EmailClick.EntityName), r => r.Id == able.Click);
        Assert.Contains(front.Organization.Rows("campaignresponse"), r => r.Id == baker.Response);
        Assert.Contains(front.Organization.Rows(EmailClick.EntityName), r => r.Id == baker.Click);
        Assert.Contains(front.Organization.Rows(ListUnsubscribe.EntityName), r => r.Id == baker.ListUnsubscribe);
        Assert.DoesNotContain(front.Organization.Rows("email"), r => r.Id == able.Email);
        Assert.Contains(front.Organization.Rows("email"), r => r.Id == baker.Email);
        Assert.Contains(front.Organization.Rows("email"), r => r.Id == able.OtherEmail);

        var request = scene.LastRequest(SyncOperation.Erase);
        Assert.Equal(QueueState.Succeeded, RecipientScene.StateOf(request));
        var audit = request.GetAttributeValue<string>(SyncRequest.Parameters);
        Assert.Contains("\"emailActivities\":1", audit, StringComparison.Ordinal);
        Assert.Contains("\"inmemory\":\"Applied\"", audit, StringComparison.Ordinal);
        Assert.Contains("\"campaignResponses\":1", audit, StringComparison.Ordinal);
        Assert.Contains("\"emailClicks\":1", audit, StringComparison.Ordinal);
        Assert.Contains("\"syncStatus\"", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("@", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erase_Replayed_ChangesNothingMoreAndKeepsTheFirstOutcome()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await RecipientScene.StartAsync(front, People);
        Reactions(front, scene, "Able");
        front.Service.Delete("contact", scene.Contact("Able"));
        await scene.DrainAsync();
        var request = scene.LastRequest(SyncOperation.Erase);
        var responses = front.Organization.Rows("campaignresponse").Count;

        scene.Requeue(request.Id);
        await scene.DrainAsync();

        var audit = front.SyncRequest(request.Id).GetAttributeValue<string>(SyncRequest.Parameters);
        Assert.Contains("\"inmemory\":\"Applied\"", audit, StringComparison.Ordinal);
        Assert.Contains("\"campaignResponses\":1", audit, StringComparison.Ordinal);
        Assert.Equal(responses, front.Organization.Rows("campaignresponse").Count);
        Assert.Equal(QueueState.Succeeded, RecipientScene.StateOf(front.SyncRequest(request.Id)));
    }

    [Fact]
    public async Task Erase_RecordUnknownToThePlatform_Succeeds()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await RecipientScene.StartAsync(front, People, transfer: false);

        front.Service.Delete("contact", scene.Contact("Able"));
        await scene.DrainAsync();

        var request = scene.LastRequest(SyncOperation.Erase);
        Assert.Equal(QueueState.Succeeded, RecipientScene.StateOf(request));
        Assert.Contains("\"inmemory\":\"NotFound\"", request.GetAttributeValue<string>(SyncRequest.Parameters), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erase_PlatformWithoutErase_PurgesCrmAndParksWithTheReason()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await RecipientScene.StartAsync(front, People, new InMemoryEmailPlatformOptions { Features = InMemoryEmailPlatformOptions.AllFeatures & ~EmailConnector.Core.Platforms.PlatformFeatures.Erase });
        var able = Reactions(front, scene, "Able");

        front.Service.Delete("contact", scene.Contact("Able"));
        await scene.DrainAsync();

        var request = scene.LastRequest(SyncOperation.Erase);
        Assert.Equal(QueueState.Parked, RecipientScene.StateOf(request));
        Assert.Contains("erase the person at the platform by hand", request.GetAttributeValue<string>(SyncRequest.LastError), StringComparison.Ordinal);
        Assert.DoesNotContain(front.Organization.Rows("campaignresponse"), r => r.Id == able.Response);
        Assert.NotNull(await scene.Platform.GetRecipientAsync(scene.Record("Able"), null, CancellationToken.None));
    }

    // What the reaction write-back leaves for a recipient: a response keyed by ec_responsekey, a click, a list
    // unsubscribe and the email activity of the send; plus an email a user wrote, which Erase must leave alone.
    private static (Guid Response, Guid Click, Guid ListUnsubscribe, Guid Email, Guid OtherEmail) Reactions(WorkerFront front, RecipientScene scene, string name)
    {
        var record = scene.Record(name);
        var response = front.Service.Create(new Entity("campaignresponse")
        {
            ["subject"] = "Clicked",
            [CampaignResponseColumns.ResponseKey] = CampaignResponseRules.ResponseKey(scene.ActivityId, record),
            [CampaignResponseColumns.CampaignActivityId] = new EntityReference("campaignactivity", scene.ActivityId),
        });
        var click = front.Service.Create(new Entity(EmailClick.EntityName)
        {
            [EmailClick.Name] = "https://example.com",
            [EmailClick.CampaignResponseId] = new EntityReference("campaignresponse", response),
            [EmailClick.ContactId] = new EntityReference("contact", record.Id),
        });
        var unsubscribe = front.Service.Create(new Entity(ListUnsubscribe.EntityName)
        {
            [ListUnsubscribe.Name] = "Unsubscribed",
            [ListUnsubscribe.CampaignActivityId] = new EntityReference("campaignactivity", scene.ActivityId),
            [ListUnsubscribe.ContactId] = new EntityReference("contact", record.Id),
        });
        var email = front.Service.Create(new Entity("email", EmailActivityWriter.EmailIdOf(scene.ActivityId, record))
        {
            ["subject"] = "Spring news",
            ["regardingobjectid"] = new EntityReference("campaignactivity", scene.ActivityId),
        });
        var other = front.Service.Create(new Entity("email")
        {
            ["subject"] = "Written by a user",
            ["regardingobjectid"] = new EntityReference("campaignactivity", scene.ActivityId),
        });
        return (response, click, unsubscribe, email, other);
    }
}
