using EmailConnector.Schema;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Worker.Tests.Operations;

public sealed class UpdateRecipientHandlerTests
{
    private static readonly Dictionary<string, string?> People = new() { ["Able"] = "able@example.com", ["Baker"] = "baker@example.com" };

    [Fact]
    public async Task Update_AddressChanged_RenamesTheSamePlatformContact()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await RecipientScene.StartAsync(front, People);
        var before = await scene.Platform.GetRecipientAsync(scene.Record("Able"), scene.PlatformListId, CancellationToken.None);

        front.Service.Update(new Entity("contact", scene.Contact("Able")) { ["emailaddress1"] = "able.new@example.com", ["lastname"] = "Able-Smith" });
        await scene.DrainAsync();

        var after = await scene.Platform.GetRecipientAsync(scene.Record("Able"), scene.PlatformListId, CancellationToken.None);
        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.Equal(before.ContactId, after.ContactId);
        Assert.Equal("able.new@example.com", after.EmailAddress);
        Assert.Equal("Able-Smith", after.Fields["LastName"]);
        Assert.Equal(EmailConnector.Core.Platforms.MembershipStatus.Subscribed, after.ListStatus);
        Assert.Equal(QueueState.Succeeded, RecipientScene.StateOf(scene.LastRequest(SyncOperation.UpdateRecipient)));
        Assert.Equal((int)SyncStatus.Synced, scene.ContactRow("Able").GetAttributeValue<OptionSetValue>(RecipientColumns.SyncStatus).Value);
    }

    [Fact]
    public async Task Update_Replayed_LeavesTheSameContact()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await RecipientScene.StartAsync(front, People);
        front.Service.Update(new Entity("contact", scene.Contact("Baker")) { ["firstname"] = "Robin" });
        await scene.DrainAsync();
        var request = scene.LastRequest(SyncOperation.UpdateRecipient);

        scene.Requeue(request.Id);
        Assert.Equal(1, await scene.DrainAsync());

        var baker = await scene.Platform.GetRecipientAsync(scene.Record("Baker"), scene.PlatformListId, CancellationToken.None);
        Assert.NotNull(baker);
        Assert.Equal("Robin", baker.Fields["FirstName"]);
        Assert.Equal(2, scene.Platform.SubscribedMembers(scene.PlatformListId).Count);
        Assert.Equal(2, scene.Platform.Calls.GetValueOrDefault("UpdateRecipient"));
        Assert.Equal(QueueState.Succeeded, RecipientScene.StateOf(front.SyncRequest(request.Id)));
    }

    [Fact]
    public async Task Update_RecordNeverTransferred_SucceedsWithoutCreatingAContact()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await RecipientScene.StartAsync(front, People, transfer: false);
        // Marked as known (e.g. by an import of the solution data), but the platform never saw it.
        front.Service.Update(new Entity("contact", scene.Contact("Able")) { [RecipientColumns.SyncStatus] = new OptionSetValue((int)SyncStatus.Synced) });

        front.Service.Update(new Entity("contact", scene.Contact("Able")) { ["lastname"] = "Changed" });
        await scene.DrainAsync();

        Assert.Null(await scene.Platform.GetRecipientAsync(scene.Record("Able"), null, CancellationToken.None));
        Assert.Equal(QueueState.Succeeded, RecipientScene.StateOf(scene.LastRequest(SyncOperation.UpdateRecipient)));
    }

    [Fact]
    public async Task Update_AddressRemoved_WritesTheReasonAndLeavesThePlatformAlone()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await RecipientScene.StartAsync(front, People);

        front.Service.Update(new Entity("contact", scene.Contact("Able")) { ["emailaddress1"] = null });
        await scene.DrainAsync();

        var able = await scene.Platform.GetRecipientAsync(scene.Record("Able"), null, CancellationToken.None);
        Assert.Equal("able@example.com", able!.EmailAddress);
        Assert.StartsWith("NoAddress:", scene.ContactRow("Able").GetAttributeValue<string>(RecipientColumns.LastSyncError), StringComparison.Ordinal);
        Assert.Equal(QueueState.Succeeded, RecipientScene.StateOf(scene.LastRequest(SyncOperation.UpdateRecipient)));
    }
}
