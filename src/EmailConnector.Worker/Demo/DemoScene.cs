using System.Globalization;
using EmailConnector.Emulator;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Worker.Demo;

/// <summary>
/// The demo's CRM data, created in the local emulator (through its organization service, so the plugin steps run as
/// for any write): a campaign, a campaign activity on the built-in platform, a static list of contacts and a dynamic
/// list of leads. Among the members, by position: every 15th does not want bulk email, every 20th has a malformed
/// address, every 25th repeats an earlier member's address. Each run makes its own records (tagged with the run).
/// </summary>
public sealed class DemoScene
{
    private static readonly string[] FirstNames = ["Ada", "Ben", "Cleo", "Dev", "Elif", "Finn", "Gus", "Hana", "Ines", "Jon", "Kai", "Lena", "Mo", "Nia", "Omar", "Pia"];
    private static readonly string[] LastNames = ["Adler", "Brandt", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Horvat", "Ivanova", "Jensen", "Kowalski", "Larsen"];
    private static readonly string[] Domains = ["example.com", "example.org", "example.net"];

    private DemoScene(string run) => Run = run;

    /// <summary>The run tag in every name (<c>yyyyMMdd-HHmmss</c>).</summary>
    public string Run { get; }

    public Guid PlatformAccountId { get; private set; }

    public Guid CampaignId { get; private set; }

    public Guid CampaignActivityId { get; private set; }

    public Guid StaticListId { get; private set; }

    public Guid DynamicListId { get; private set; }

    public IReadOnlyList<Guid> ContactIds { get; private set; } = [];

    public IReadOnlyList<Guid> LeadIds { get; private set; } = [];

    /// <summary>Members seeded with do-not-bulk-email.</summary>
    public int DoNotBulkEmailSeeded { get; private set; }

    public static DemoScene Seed(EmulatedOrganization organization, DemoOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(options);
        var scene = new DemoScene(now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        var service = organization.CreateService();
        scene.PlatformAccountId = BuiltInAccount(service);
        scene.CampaignId = service.Create(new Entity("campaign") { ["name"] = $"EmailConnector demo {scene.Run}" });
        scene.CampaignActivityId = service.Create(new Entity(CampaignActivityColumns.EntityName)
        {
            ["subject"] = $"Spring newsletter {scene.Run}",
            ["regardingobjectid"] = new EntityReference("campaign", scene.CampaignId),
            ["channeltypecode"] = new OptionSetValue((int)CampaignActivityChannel.EmailPlatform),
            [CampaignActivityColumns.PlatformAccountId] = new EntityReference(PlatformAccount.EntityName, scene.PlatformAccountId),
            [CampaignActivityColumns.ListName] = $"Demo {scene.Run}",
            [CampaignActivityColumns.Sender] = DemoRunner.Sender,
            [CampaignActivityColumns.ReplyTo] = DemoRunner.ReplyTo,
            [CampaignActivityColumns.ResponseMode] = new OptionSetValue((int)ResponseMode.ClicksAndOpens),
            [CampaignActivityColumns.EmailActivityMode] = new OptionSetValue((int)EmailActivityMode.Complete),
        });

        var addresses = new List<string>();
        scene.ContactIds = Enumerable.Range(0, options.Contacts).Select(i => service.Create(Person(scene, "contact", i, addresses, null))).ToList();
        var company = $"Demo leads {scene.Run}";
        scene.LeadIds = Enumerable.Range(0, options.Leads).Select(i => service.Create(Person(scene, "lead", options.Contacts + i, addresses, company))).ToList();

        scene.StaticListId = service.Create(new Entity("list")
        {
            ["listname"] = $"Demo contacts {scene.Run}", ["createdfromcode"] = new OptionSetValue(2), ["type"] = false,
        });
        foreach (var chunk in scene.ContactIds.Chunk(500))
            service.Execute(new OrganizationRequest("AddListMembersList") { ["ListId"] = scene.StaticListId, ["MemberIds"] = chunk });
        scene.DynamicListId = service.Create(new Entity("list")
        {
            ["listname"] = $"Demo leads {scene.Run}", ["createdfromcode"] = new OptionSetValue(4), ["type"] = true,
            ["query"] = "<fetch><entity name='lead'><attribute name='fullname'/><filter><condition attribute='companyname' operator='eq' value='"
                + System.Security.SecurityElement.Escape(company) + "'/></filter></entity></fetch>",
        });
        foreach (var list in new[] { scene.StaticListId, scene.DynamicListId })
        {
            service.Execute(new OrganizationRequest("AddItemCampaignActivity")
            {
                ["CampaignActivityId"] = scene.CampaignActivityId, ["ItemId"] = list, ["EntityName"] = "list",
            });
        }
        scene.DoNotBulkEmailSeeded = Enumerable.Range(0, options.Contacts + options.Leads).Count(i => i % 15 == 14);
        return scene;
    }

    private static Entity Person(DemoScene scene, string table, int i, List<string> addresses, string? company)
    {
        var first = FirstNames[i % FirstNames.Length];
        var last = LastNames[i / FirstNames.Length % LastNames.Length];
        string address;
        if (i % 20 == 19)
            address = $"{first}.{last}.{i}(at){Domains[i % Domains.Length]}".ToLowerInvariant();
        else if (i % 25 == 24 && addresses.Count > 0)
            address = addresses[i % addresses.Count].ToUpperInvariant();
        else
            address = $"{first}.{last}.{i}@{Domains[i % Domains.Length]}".ToLowerInvariant();
        addresses.Add(address);
        var person = new Entity(table) { ["firstname"] = first, ["lastname"] = last, ["emailaddress1"] = address };
        if (i % 15 == 14)
            person["donotbulkemail"] = true;
        if (company is not null)
        {
            person["companyname"] = company;
            person["subject"] = $"Demo lead {scene.Run} {i}";
        }
        return person;
    }

    private static Guid BuiltInAccount(IOrganizationService service)
    {
        var query = new QueryExpression(PlatformAccount.EntityName) { ColumnSet = new ColumnSet(PlatformAccount.PrimaryId), TopCount = 1 };
        query.Criteria.AddCondition(PlatformAccount.PlatformType, ConditionOperator.Equal, (int)PlatformType.BuiltInSmtp);
        query.Criteria.AddCondition(PlatformAccount.StateCode, ConditionOperator.Equal, 0);
        return service.RetrieveMultiple(query).Entities.FirstOrDefault()?.Id
            ?? service.Create(new Entity(PlatformAccount.EntityName)
            {
                [PlatformAccount.Name] = Local.LocalDefaults.PlatformAccountName,
                [PlatformAccount.PlatformType] = new OptionSetValue((int)PlatformType.BuiltInSmtp),
            });
    }
}
