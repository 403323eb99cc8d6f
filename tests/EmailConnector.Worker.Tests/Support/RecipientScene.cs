using EmailConnector.Core;
using EmailConnector.Schema;
using EmailConnector.Testing.Platforms;
using EmailConnector.Worker.Queue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Worker.Tests.Support;

/// <summary>
/// An email campaign activity with one static list of contacts, transferred by a worker, so the contacts are known to
/// the platform (<c>ec_syncstatus</c> Synced) and later changes queue recipient requests through the plugins.
/// </summary>
internal sealed class RecipientScene
{
    private readonly Dictionary<string, Guid> _contacts = [];

    private RecipientScene(WorkerFront front, InMemoryEmailPlatform platform, QueueProcessor worker)
    {
        Front = front;
        Platform = platform;
        Worker = worker;
    }

    public WorkerFront Front { get; }

    public InMemoryEmailPlatform Platform { get; }

    public QueueProcessor Worker { get; }

    public Guid ActivityId { get; private set; }

    public Guid ListId { get; private set; }

    public string PlatformListId => Front.Service.Retrieve("campaignactivity", ActivityId, new ColumnSet(CampaignActivityColumns.PlatformListId))
        .GetAttributeValue<string>(CampaignActivityColumns.PlatformListId);

    /// <summary>Contacts by last name with their addresses (null: none); transferred unless <paramref name="transfer"/> is false.</summary>
    public static async Task<RecipientScene> StartAsync(
        WorkerFront front, IReadOnlyDictionary<string, string?> contacts, InMemoryEmailPlatformOptions? platformOptions = null, bool transfer = true)
    {
        var platform = new InMemoryEmailPlatform(front.Clock, platformOptions);
        var worker = WorkerFront.Processor(front.Worker("worker-a", configure: Use(platform)));
        var scene = new RecipientScene(front, platform, worker);
        scene.ActivityId = front.EmailActivity(listName: "Spring");
        scene.ListId = front.Service.Create(new Entity("list") { ["listname"] = "Newsletter", ["createdfromcode"] = new OptionSetValue(2), ["type"] = false });
        foreach (var (name, address) in contacts)
            scene._contacts[name] = front.Service.Create(new Entity("contact") { ["firstname"] = "Pat", ["lastname"] = name, ["emailaddress1"] = address });
        front.Service.Execute(new OrganizationRequest("AddListMembersList") { ["ListId"] = scene.ListId, ["MemberIds"] = scene._contacts.Values.ToArray() });
        front.Service.Execute(new OrganizationRequest("AddItemCampaignActivity") { ["CampaignActivityId"] = scene.ActivityId, ["ItemId"] = scene.ListId, ["EntityName"] = "list" });
        if (transfer)
        {
            front.Service.Execute(new OrganizationRequest(CustomApiNames.StartTransfer.Name) { ["Target"] = new EntityReference("campaignactivity", scene.ActivityId) });
        }

        await scene.DrainAsync();
        return scene;
    }

    public static Action<IServiceCollection> Use(InMemoryEmailPlatform platform) => services =>
    {
        services.RemoveAll<EmailConnector.Core.Platforms.IEmailPlatform>();
        services.AddSingleton<EmailConnector.Core.Platforms.IEmailPlatform>(platform);
    };

    public Guid Contact(string name) => _contacts[name];

    public RecordReference Record(string name) => new("contact", _contacts[name]);

    public Entity ContactRow(string name) => Front.Service.Retrieve("contact", _contacts[name], new ColumnSet(true));

    public async Task<int> DrainAsync()
    {
        var handled = 0;
        int pass;
        while ((pass = await Worker.DrainOnceAsync(CancellationToken.None)) > 0)
            handled += pass;
        return handled;
    }

    /// <summary>The newest request of the operation.</summary>
    public Entity LastRequest(SyncOperation operation) => Front.SyncRequests()
        .Where(r => r.GetAttributeValue<OptionSetValue>(SyncRequest.Operation).Value == (int)operation)
        .OrderBy(r => r.GetAttributeValue<DateTime>("createdon")).ThenBy(r => r.GetAttributeValue<int>(SyncRequest.Attempts)).Last();

    public static QueueState StateOf(Entity request) => (QueueState)request.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value;

    /// <summary>Puts a finished request back to Pending, as an administrator retrying it would: a replay.</summary>
    public void Requeue(Guid requestId) => Front.Service.Update(new Entity(SyncRequest.EntityName, requestId)
    {
        [SyncRequest.QueueState] = new OptionSetValue((int)QueueState.Pending),
        [SyncRequest.NextAttemptOn] = null,
    });
}
