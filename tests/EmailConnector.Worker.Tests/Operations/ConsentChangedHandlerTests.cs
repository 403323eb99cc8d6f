using EmailConnector.Core.Platforms;
using EmailConnector.Schema;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Worker.Tests.Operations;

public sealed class ConsentChangedHandlerTests
{
    private static readonly Dictionary<string, string?> People = new() { ["Able"] = "able@example.com", ["Baker"] = "baker@example.com" };

    [Fact]
    public async Task Consent_BulkEmailNotAllowed_UnsubscribesGloballyOnce()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await RecipientScene.StartAsync(front, People);

        front.Service.Update(new Entity("contact", scene.Contact("Able")) { ["donotbulkemail"] = true });
        await scene.DrainAsync();
        var request = scene.LastRequest(SyncOperation.ConsentChanged);
        scene.Requeue(request.Id);
        await scene.DrainAsync();

        var able = await scene.Platform.GetRecipientAsync(scene.Record("Able"), scene.PlatformListId, CancellationToken.None);
        Assert.True(able!.GloballyUnsubscribed);
        Assert.False((await scene.Platform.GetRecipientAsync(scene.Record("Baker"), null, CancellationToken.None))!.GloballyUnsubscribed);
        var suppressions = await scene.Platform.GetSuppressionsAsync(new SuppressionQuery(), CancellationToken.None);
        Assert.Equal("able@example.com", Assert.Single(suppressions.Entries).EmailAddress);
        Assert.Equal(QueueState.Succeeded, RecipientScene.StateOf(front.SyncRequest(request.Id)));
    }

    [Fact]
    public async Task Consent_AllowedAgain_DoesNotResubscribe()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await RecipientScene.StartAsync(front, People);
        front.Service.Update(new Entity("contact", scene.Contact("Able")) { ["donotemail"] = true });
        await scene.DrainAsync();

        front.Service.Update(new Entity("contact", scene.Contact("Able")) { ["donotemail"] = false });
        await scene.DrainAsync();

        Assert.True((await scene.Platform.GetRecipientAsync(scene.Record("Able"), null, CancellationToken.None))!.GloballyUnsubscribed);
        Assert.Equal(1, scene.Platform.Calls.GetValueOrDefault("Unsubscribe"));
        Assert.Equal(QueueState.Succeeded, RecipientScene.StateOf(scene.LastRequest(SyncOperation.ConsentChanged)));
    }

    [Fact]
    public async Task Consent_RecordNeverTransferred_SuppressesTheAddress()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await RecipientScene.StartAsync(front, People, transfer: false);
        front.Service.Update(new Entity("contact", scene.Contact("Baker")) { [RecipientColumns.SyncStatus] = new OptionSetValue((int)SyncStatus.Error) });

        front.Service.Update(new Entity("contact", scene.Contact("Baker")) { ["donotbulkemail"] = true });
        await scene.DrainAsync();

        var entry = Assert.Single((await scene.Platform.GetSuppressionsAsync(new SuppressionQuery(), CancellationToken.None)).Entries);
        Assert.Equal("baker@example.com", entry.EmailAddress);
        Assert.Equal(EmailConnector.Core.Platforms.SuppressionReason.Unsubscribed, entry.Reason);
        Assert.Null(await scene.Platform.GetRecipientAsync(scene.Record("Baker"), null, CancellationToken.None));
        Assert.Equal(QueueState.Succeeded, RecipientScene.StateOf(scene.LastRequest(SyncOperation.ConsentChanged)));
    }
}
