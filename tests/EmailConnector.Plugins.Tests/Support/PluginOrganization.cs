using EmailConnector.Emulator;
using EmailConnector.Emulator.Metadata;
using EmailConnector.Emulator.Pipeline;
using EmailConnector.Testing;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Plugins.Tests.Support;

/// <summary>
/// An emulated organization with the solution loaded from solution/EmailConnector: its tables, its custom APIs and every
/// step of SdkMessageProcessingSteps/, running the built net462 plugin. Helpers seed the rows the step tests need.
/// </summary>
public sealed class PluginOrganization
{
    public static readonly Guid ExpectedSystemUser = new("00000000-0000-0000-0000-00000000c000");

    public PluginOrganization()
    {
        Organization = new EmulatedOrganization(new EmulatorOptions
        {
            TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero)),
            SolutionFolder = RepositoryPaths.Solution,
            SolutionReaderOptions = new SolutionReaderOptions { MessageNamesById = SdkMessages.OrgSpecific },
            PluginTypeResolver = PluginRegistry.TypesIn(StepDeclarations.PluginAssembly),
        });
        Service = Organization.CreateService();
    }

    public EmulatedOrganization Organization { get; }

    /// <summary>The default (non-system) user's service: what a CRM user's click or form save runs as.</summary>
    public IOrganizationService Service { get; }

    public IReadOnlyList<Entity> SyncRequests() => Organization.Rows(Schema.SyncRequest.EntityName);

    public Entity SingleSyncRequest() => Assert.Single(SyncRequests());

    public Guid Contact(string lastName, string? email = "jane.doe@example.com", bool transferred = true, Action<Entity>? with = null)
    {
        var contact = new Entity("contact") { ["lastname"] = lastName, ["emailaddress1"] = email };
        if (transferred)
            contact[Schema.RecipientColumns.SyncStatus] = new OptionSetValue((int)Schema.SyncStatus.Synced);
        with?.Invoke(contact);
        return Service.Create(contact);
    }

    public Guid Lead(string lastName, string? email = "lee.doe@example.com", bool transferred = true)
    {
        var lead = new Entity("lead") { ["lastname"] = lastName, ["emailaddress1"] = email };
        if (transferred)
            lead[Schema.RecipientColumns.SyncStatus] = new OptionSetValue((int)Schema.SyncStatus.Synced);
        return Service.Create(lead);
    }

    public Guid StaticList(string name, bool synced = false, int memberType = 2) =>
        Service.Create(new Entity("list")
        {
            ["listname"] = name, ["createdfromcode"] = new OptionSetValue(memberType), ["type"] = false,
            [Schema.ListColumns.SyncToPlatform] = synced,
        });

    public Guid DynamicList(string name, string fetchXml, int memberType = 2) =>
        Service.Create(new Entity("list")
        {
            ["listname"] = name, ["createdfromcode"] = new OptionSetValue(memberType), ["type"] = true, ["query"] = fetchXml,
        });

    public void AddMembers(Guid listId, params Guid[] members) =>
        Service.Execute(new OrganizationRequest("AddListMembersList") { ["ListId"] = listId, ["MemberIds"] = members });

    public Guid PlatformAccount() =>
        Service.Create(new Entity(Schema.PlatformAccount.EntityName)
        {
            [Schema.PlatformAccount.Name] = "Dotdigital", [Schema.PlatformAccount.PlatformType] = new OptionSetValue((int)Schema.PlatformType.Dotdigital),
        });

    public Guid Campaign() => Service.Create(new Entity("campaign") { ["name"] = "Spring" });

    /// <summary>A campaign activity on the Email platform channel, with a platform account unless told otherwise.</summary>
    public Guid EmailActivity(string subject = "Spring offer", bool withAccount = true, Action<Entity>? with = null)
    {
        var activity = new Entity("campaignactivity")
        {
            ["subject"] = subject,
            ["regardingobjectid"] = new EntityReference("campaign", Campaign()),
            ["channeltypecode"] = new OptionSetValue((int)Schema.CampaignActivityChannel.EmailPlatform),
        };
        if (withAccount)
            activity[Schema.CampaignActivityColumns.PlatformAccountId] = new EntityReference(Schema.PlatformAccount.EntityName, PlatformAccount());
        with?.Invoke(activity);
        return Service.Create(activity);
    }

    public void AttachList(Guid activityId, Guid listId) =>
        Service.Execute(new OrganizationRequest("AddItemCampaignActivity") { ["CampaignActivityId"] = activityId, ["ItemId"] = listId, ["EntityName"] = "list" });

    /// <summary>Removes every queue row (outside any pipeline), so a test sees only what its own action queued.</summary>
    public void ClearQueue()
    {
        foreach (var row in SyncRequests())
            Organization.CreateService(ExpectedSystemUser).Delete(row.LogicalName, row.Id);
    }

    public OrganizationResponse Call(string api, EntityReference target, params (string Name, object Value)[] parameters)
    {
        var request = new OrganizationRequest(api) { ["Target"] = target };
        foreach (var (name, value) in parameters)
            request[name] = value;
        return Service.Execute(request);
    }

    public static QueryExpression All(string table) => new(table) { ColumnSet = new ColumnSet(true) };
}
