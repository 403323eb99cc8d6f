using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using EmailConnector.Emulator;
using EmailConnector.Emulator.Pipeline;
using EmailConnector.Emulator.WebApi.Hosting;
using EmailConnector.Schema;
using EmailConnector.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Worker.Bench;

/// <summary>
/// The emulator side, run in a child process so the worker process's memory figures are the worker's alone: seeds
/// the org in process, serves it over HTTP with the default service protection limits on, and answers one-line
/// commands on standard input (each answer one line starting with OK).
/// </summary>
internal static class EmulatorHost
{
    public static async Task RunAsync(int contacts, int leads)
    {
        var plugins = Assembly.LoadFrom(PluginBuildOutput.AssemblyPath(typeof(EmulatorHost).Assembly));
        var organization = new EmulatedOrganization(new EmulatorOptions
        {
            SolutionFolder = RepositoryPaths.Solution,
            PluginTypeResolver = PluginRegistry.TypesIn(plugins),
            RecordRequests = false,
        });
        var service = organization.CreateService();
        var watch = Stopwatch.StartNew();
        var (activity, account, contactList, leadList) = Seed(service, contacts, leads);
        var seeded = watch.Elapsed;
        long requests = 0;
        var byTarget = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await using var server = await EmulatorServer.StartAsync(organization, new WebApiOptions
        {
            ServiceProtection = new ServiceProtectionOptions { Enabled = true },
            Log = line =>
            {
                Interlocked.Increment(ref requests);
                byTarget.AddOrUpdate(Target(line), 1, (_, n) => n + 1);
            },
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"READY {server.BaseAddress} {account:D} {contactList:D} {leadList:D} {seeded.TotalSeconds:0.0}"));

        while (await Console.In.ReadLineAsync() is { } line)
        {
            var answer = line switch
            {
                "start" => ((Guid)service.Execute(new OrganizationRequest(CustomApiNames.StartTransfer.Name) { ["Target"] = new EntityReference("campaignactivity", activity) })
                    [CustomApiNames.StartTransfer.SyncRequestId]).ToString("D"),
                "requests" => Interlocked.Read(ref requests).ToString(CultureInfo.InvariantCulture),
                "list" => service.Retrieve("campaignactivity", activity, new ColumnSet(CampaignActivityColumns.PlatformListId)).GetAttributeValue<string>(CampaignActivityColumns.PlatformListId),
                "breakdown" => Drain(byTarget),
                "counts" => JsonSerializer.Serialize(Counts(organization)),
                "floor" => UpsertFloor(organization, service),
                "quit" => null,
                _ => throw new InvalidOperationException("Unknown command " + line),
            };
            if (answer is null)
                break;
            Console.WriteLine("OK " + answer);
        }
    }

    // "GET /api/data/v9.2/contacts?fetchXml=… → 200 (3.1 ms)" → "GET contacts".
    private static string Target(string line)
    {
        var parts = line.Split(' ', 3);
        var path = parts.Length > 1 ? parts[1] : line;
        var root = path.IndexOf("/v9.2/", StringComparison.Ordinal);
        if (root >= 0)
            path = path[(root + 6)..];
        var end = path.IndexOfAny(['?', '(']);
        return parts[0] + " " + (end >= 0 ? path[..end] : path);
    }

    private static string Drain(System.Collections.Concurrent.ConcurrentDictionary<string, int> byTarget)
    {
        var snapshot = byTarget.OrderByDescending(p => p.Value).ToDictionary(p => p.Key, p => p.Value);
        byTarget.Clear();
        return JsonSerializer.Serialize(snapshot);
    }

    private static (Guid Activity, Guid Account, Guid ContactList, Guid LeadList) Seed(IOrganizationService service, int contacts, int leads)
    {
        var account = service.Create(new Entity(PlatformAccount.EntityName)
        {
            [PlatformAccount.Name] = "Bench platform", [PlatformAccount.PlatformType] = new OptionSetValue((int)PlatformType.Dotdigital),
        });
        var campaign = service.Create(new Entity("campaign") { ["name"] = "Bench campaign" });
        var contactList = service.Create(new Entity("list") { ["listname"] = "Bench contacts", ["createdfromcode"] = new OptionSetValue(2), ["type"] = false });
        var leadList = service.Create(new Entity("list")
        {
            ["listname"] = "Bench leads", ["createdfromcode"] = new OptionSetValue(4), ["type"] = true,
            ["query"] = "<fetch><entity name='lead'><attribute name='fullname'/><filter><condition attribute='companyname' operator='eq' value='Bench'/></filter></entity></fetch>",
        });

        var ids = new List<Guid>(contacts);
        for (var i = 0; i < contacts; i++)
            ids.Add(service.Create(Person("contact", "c", i)));
        foreach (var chunk in ids.Chunk(1000))
            service.Execute(new OrganizationRequest("AddListMembersList") { ["ListId"] = contactList, ["MemberIds"] = chunk });
        for (var i = 0; i < leads; i++)
        {
            var lead = Person("lead", "l", i);
            lead["companyname"] = "Bench";
            service.Create(lead);
        }

        var activity = service.Create(new Entity("campaignactivity")
        {
            ["subject"] = "Bench mailing",
            ["regardingobjectid"] = new EntityReference("campaign", campaign),
            ["channeltypecode"] = new OptionSetValue((int)CampaignActivityChannel.EmailPlatform),
            [CampaignActivityColumns.PlatformAccountId] = new EntityReference(PlatformAccount.EntityName, account),
            [CampaignActivityColumns.ListName] = "Bench mailing",
            [CampaignActivityColumns.ResponseMode] = new OptionSetValue((int)ResponseMode.ClicksAndOpens),
        });
        foreach (var list in new[] { contactList, leadList })
            service.Execute(new OrganizationRequest("AddItemCampaignActivity") { ["CampaignActivityId"] = activity, ["ItemId"] = list, ["EntityName"] = "list" });
        return (activity, account, contactList, leadList);
    }

    // 3 in every 100 are excluded: do-not-bulk-email, flagged invalid, and an address another member already has.
    private static Entity Person(string table, string prefix, int i)
    {
        var address = i % 100 == 2 ? Address(prefix, i + 1) : Address(prefix, i);
        var person = new Entity(table)
        {
            ["firstname"] = "First" + i.ToString(CultureInfo.InvariantCulture),
            ["lastname"] = "Last" + i.ToString(CultureInfo.InvariantCulture),
            ["emailaddress1"] = address,
        };
        if (i % 100 == 0)
            person["donotbulkemail"] = true;
        if (i % 100 == 1)
            person[RecipientColumns.EmailInvalid] = true;
        return person;
    }

    private static string Address(string prefix, int i) => prefix + i.ToString(CultureInfo.InvariantCulture) + "@example.com";

    private static Dictionary<string, int> Counts(EmulatedOrganization organization)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var table in new[] { CampaignResponseColumns.EntityName, EmailClick.EntityName, Suppression.EntityName, ListUnsubscribe.EntityName, "email", "annotation" })
            counts[table] = organization.Rows(table).Count;
        counts["lead"] = organization.Rows("lead").Count;
        counts[SyncRequest.EntityName] = organization.Rows(SyncRequest.EntityName).Count;
        return counts;
    }

    // The floor of the write-back: the same campaign responses and click rows upserted again by their alternate keys
    // in process (no HTTP, no worker), in chunks of the worker's bulk size.
    private static string UpsertFloor(EmulatedOrganization organization, IOrganizationService service)
    {
        var targets = new List<Entity>();
        foreach (var row in organization.Rows(CampaignResponseColumns.EntityName))
        {
            var target = new Entity(CampaignResponseColumns.EntityName, CampaignResponseColumns.ResponseKey, row.GetAttributeValue<string>(CampaignResponseColumns.ResponseKey));
            foreach (var column in new[] { CampaignResponseColumns.OpenCount, CampaignResponseColumns.ClickCount, CampaignResponseColumns.LastReactionOn, CampaignResponseColumns.ReactionCategories })
                target[column] = row.GetAttributeValue<object>(column);
            targets.Add(target);
        }

        foreach (var row in organization.Rows(EmailClick.EntityName))
        {
            var target = new Entity(EmailClick.EntityName, EmailClick.PlatformEventId, row.GetAttributeValue<string>(EmailClick.PlatformEventId));
            target[EmailClick.ClickedOn] = row.GetAttributeValue<DateTime>(EmailClick.ClickedOn);
            targets.Add(target);
        }

        var watch = Stopwatch.StartNew();
        foreach (var group in targets.GroupBy(t => t.LogicalName))
        {
            foreach (var chunk in group.Chunk(100))
                service.Execute(new OrganizationRequest("UpsertMultiple") { ["Targets"] = new EntityCollection(chunk.ToList()) { EntityName = group.Key } });
        }

        return string.Create(CultureInfo.InvariantCulture, $"{targets.Count} {watch.Elapsed.TotalSeconds:0.000}");
    }
}
