using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Schema;
using EmailConnector.Testing.Platforms;
using EmailConnector.Worker.Reactions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using CoreFeed = EmailConnector.Core.Reactions.ReactionFeed;

namespace EmailConnector.Worker.Tests.Support;

/// <summary>
/// A campaign activity with its platform list holding two contacts (Ann and Bob), configured the way a marketer sets
/// the "Email platform" section, and a worker's <see cref="ReactionPull"/>.
/// </summary>
internal sealed class WriteBackScene
{
    private WriteBackScene(WorkerFront front) => Front = front;

    public WorkerFront Front { get; }

    public IReactionScript Script => Front.Platform;

    public IServiceProvider Worker { get; private set; } = null!;

    public ReactionPull Pull => Worker.GetRequiredService<ReactionPull>();

    public Guid Activity { get; private set; }

    public Guid Campaign { get; private set; }

    public Guid Account { get; private set; }

    public string ListId { get; private set; } = string.Empty;

    public RecordReference Ann { get; private set; }

    public RecordReference Bob { get; private set; }

    public static async Task<WriteBackScene> BuildAsync(
        WorkerFront front, EmailActivityMode? emailMode = null, bool generateLeads = false, string? sender = "news@example.org")
    {
        var scene = new WriteBackScene(front);
        scene.Activity = front.EmailActivity();
        var activity = front.Service.Retrieve("campaignactivity", scene.Activity, new ColumnSet(CampaignActivityColumns.PlatformAccountId, "regardingobjectid"));
        scene.Account = activity.GetAttributeValue<EntityReference>(CampaignActivityColumns.PlatformAccountId).Id;
        scene.Campaign = activity.GetAttributeValue<EntityReference>("regardingobjectid").Id;
        scene.Ann = new RecordReference("contact", front.Service.Create(new Entity("contact") { ["lastname"] = "Ann", ["emailaddress1"] = "ann@example.com" }));
        scene.Bob = new RecordReference("contact", front.Service.Create(new Entity("contact") { ["lastname"] = "Bob", ["emailaddress1"] = "bob@example.com" }));

        var list = await front.Platform.EnsureListAsync(new ListDefinition(new RecordReference("campaignactivity", scene.Activity), "Spring"), CancellationToken.None);
        await front.Platform.ImportRecipientsAsync(list.Id, [new PlatformRecipient(scene.Ann, "ann@example.com"), new PlatformRecipient(scene.Bob, "bob@example.com")], CancellationToken.None);
        scene.ListId = list.Id;
        var update = new Entity("campaignactivity", scene.Activity)
        {
            [CampaignActivityColumns.PlatformListId] = list.Id,
            [CampaignActivityColumns.GenerateLeads] = generateLeads,
            [CampaignActivityColumns.Sender] = sender,
        };
        if (emailMode is { } mode)
            update[CampaignActivityColumns.EmailActivityMode] = new OptionSetValue((int)mode);
        front.Service.Update(update);
        scene.Worker = front.Worker("worker-a");
        return scene;
    }

    public async Task PullAsync(params CoreFeed[] feeds)
    {
        foreach (var feed in feeds)
            await Pull.PullAsync(Account, feed);
    }

    /// <summary>The crash case: everything was written back, but no cursor was stored.</summary>
    public void ForgetCursors()
    {
        foreach (var state in Front.Organization.Rows(SyncState.EntityName))
            Front.Service.Update(new Entity(SyncState.EntityName, state.Id) { [SyncState.Cursor] = null });
    }

    public IReadOnlyList<Entity> PartiesOf(Guid activityId, int participationTypeMask) =>
        [.. Front.Organization.Rows("activityparty").Where(p =>
            p.GetAttributeValue<EntityReference>("activityid")?.Id == activityId
            && p.GetAttributeValue<OptionSetValue>("participationtypemask")?.Value == participationTypeMask)];
}
