using System.Reflection;
using EmailConnector.Emulator.Pipeline;
using EmailConnector.Emulator.WebApi.Hosting;
using EmailConnector.Schema;
using EmailConnector.Testing;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.WebApi.Tests.Support;

/// <summary>
/// The emulator as <c>dotnet run</c> serves it for the console page: the solution with its real plugin steps and custom
/// APIs, on a loopback port with authentication on, plus helpers that seed campaign activities the way a user would
/// set them up (through the organization service, so the solution's plugins run).
/// </summary>
internal sealed class ConsoleHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 16, 9, 0, 0, TimeSpan.Zero);

    // Loaded from its build output rather than referenced: the plugin links Schema's sources, whose types would clash.
    private static readonly Lazy<Assembly> PluginAssembly =
        new(() => Assembly.LoadFrom(PluginBuildOutput.AssemblyPath(typeof(ConsoleHost).Assembly)));

    private ConsoleHost(EmulatedOrganization organization, EmulatorServer server)
    {
        Organization = organization;
        Server = server;
    }

    public EmulatedOrganization Organization { get; }

    public EmulatorServer Server { get; }

    /// <summary>The default user's service: what the console's token acts as, too.</summary>
    public IOrganizationService Service => Organization.CreateService();

    public static async Task<ConsoleHost> StartAsync()
    {
        var clock = new FakeTimeProvider(Start);
        var organization = new EmulatedOrganization(new EmulatorOptions
        {
            TimeProvider = clock,
            SolutionFolder = RepositoryPaths.Solution,
            PluginTypeResolver = PluginRegistry.TypesIn(PluginAssembly.Value),
        });
        var server = await EmulatorServer.StartAsync(organization, new WebApiOptions { TimeProvider = clock });
        return new ConsoleHost(organization, server);
    }

    public string ConsoleUrl(Guid? activityId = null) =>
        new Uri(Server.BaseAddress, activityId is { } id ? $"console?id={id:D}" : "console").ToString();

    /// <summary>A campaign activity on the given channel (Email platform unless told) with a platform account.</summary>
    public Guid Activity(string subject, int channel = (int)CampaignActivityChannel.EmailPlatform)
    {
        var account = Service.Create(new Entity(PlatformAccount.EntityName)
        {
            [PlatformAccount.Name] = "Built-in", [PlatformAccount.PlatformType] = new OptionSetValue((int)PlatformType.BuiltInSmtp),
        });
        var campaign = Service.Create(new Entity("campaign") { ["name"] = "Spring" });
        return Service.Create(new Entity(CampaignActivityColumns.EntityName)
        {
            ["subject"] = subject,
            ["regardingobjectid"] = new EntityReference("campaign", campaign),
            ["channeltypecode"] = new OptionSetValue(channel),
            [CampaignActivityColumns.PlatformAccountId] = new EntityReference(PlatformAccount.EntityName, account),
        });
    }

    /// <summary>
    /// A static contact list "Newsletter" attached to the activity: Able and Baker are recipients, Carter does not
    /// allow bulk email, Dale has no address (4 members, 2 recipients, 2 excluded).
    /// </summary>
    public void AttachNewsletter(Guid activityId)
    {
        var list = Service.Create(new Entity("list") { ["listname"] = "Newsletter", ["createdfromcode"] = new OptionSetValue(2), ["type"] = false });
        Guid[] members =
        [
            Contact("Able", "able@example.com"),
            Contact("Baker", "baker@example.com"),
            Contact("Carter", "carter@example.com", doNotBulkEmail: true),
            Contact("Dale", null),
        ];
        Service.Execute(new OrganizationRequest("AddListMembersList") { ["ListId"] = list, ["MemberIds"] = members });
        Service.Execute(new OrganizationRequest("AddItemCampaignActivity") { ["CampaignActivityId"] = activityId, ["ItemId"] = list, ["EntityName"] = "list" });
    }

    public IReadOnlyList<Entity> SyncRequests(SyncOperation operation, Guid activityId) =>
        [.. Organization.Rows(SyncRequest.EntityName).Where(r =>
            r.GetAttributeValue<OptionSetValue>(SyncRequest.Operation)?.Value == (int)operation
            && r.GetAttributeValue<EntityReference>(SyncRequest.CampaignActivityId)?.Id == activityId)];

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();

    private Guid Contact(string lastName, string? email, bool doNotBulkEmail = false)
    {
        var contact = new Entity("contact") { ["lastname"] = lastName, ["donotbulkemail"] = doNotBulkEmail };
        if (email is not null)
            contact["emailaddress1"] = email;
        return Service.Create(contact);
    }
}
