using System.Diagnostics;
using System.Globalization;
using EmailConnector.Emulator;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

// Emulator benchmark: prints figures, asserts nothing. Usage: dotnet run -c Release [contacts] [members]
var contactCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var memberCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
const int PageSize = 5000;

// Everything goes through the emulator's public organization service, as the worker and the tests use it.
var organization = new EmulatedOrganization();
var service = organization.CreateService();
var rows = new List<(string Measure, string Value, string Goal)>();

var listId = service.Create(
    new Entity("list") { ["listname"] = "Bench list", ["createdfromcode"] = new OptionSetValue(2), ["type"] = false });

var contactIds = new Guid[contactCount];
var watch = Stopwatch.StartNew();
for (var i = 0; i < contactCount; i++)
{
    contactIds[i] = service.Create(
        new Entity("contact")
        {
            ["firstname"] = "First" + i.ToString(CultureInfo.InvariantCulture),
            ["lastname"] = "Last" + i.ToString(CultureInfo.InvariantCulture),
            ["emailaddress1"] = "contact" + i.ToString(CultureInfo.InvariantCulture) + "@example.com",
        });
}

watch.Stop();
rows.Add(("contacts created", contactCount.ToString("N0", CultureInfo.InvariantCulture), string.Empty));
rows.Add(("creates/s", Rate(contactCount, watch.Elapsed), ">= 50,000"));

var random = new Random(42);
var members = new HashSet<Guid>();
while (members.Count < Math.Min(memberCount, contactCount))
{
    members.Add(contactIds[random.Next(contactCount)]);
}

foreach (var member in members)
{
    service.Create(
        new Entity("listmember")
        {
            ["listid"] = new EntityReference("list", listId),
            ["entityid"] = new EntityReference("contact", member),
        });
}

rows.Add(("list members", members.Count.ToString("N0", CultureInfo.InvariantCulture), string.Empty));

const int RetrieveCount = 200_000;
var columns = new ColumnSet("emailaddress1", "firstname");
watch.Restart();
for (var i = 0; i < RetrieveCount; i++)
{
    service.Retrieve("contact", contactIds[random.Next(contactCount)], columns);
}

watch.Stop();
rows.Add(("retrieves/s", Rate(RetrieveCount, watch.Elapsed), string.Empty));

string Fetch(int page, string? cookie) => $"""
    <fetch count="{PageSize}" page="{page}"{(cookie is null ? string.Empty : $" paging-cookie=\"{System.Security.SecurityElement.Escape(cookie)}\"")}>
      <entity name="contact">
        <attribute name="emailaddress1" />
        <attribute name="firstname" />
        <link-entity name="listmember" from="entityid" to="contactid" alias="lm">
          <filter><condition attribute="listid" operator="eq" value="{listId}" /></filter>
        </link-entity>
      </entity>
    </fetch>
    """;

service.RetrieveMultiple(new FetchExpression(Fetch(1, null)));
var timings = new List<double>();
string? pagingCookie = null;
var pageNumber = 1;
var returned = 0;
while (true)
{
    watch.Restart();
    var page = service.RetrieveMultiple(new FetchExpression(Fetch(pageNumber, pagingCookie)));
    watch.Stop();
    timings.Add(watch.Elapsed.TotalMilliseconds);
    returned += page.Entities.Count;
    if (!page.MoreRecords)
    {
        break;
    }

    pagingCookie = page.PagingCookie;
    pageNumber++;
}

timings.Sort();
rows.Add(("list-member pages read", $"{timings.Count} ({returned:N0} rows)", string.Empty));
rows.Add(("ms per 5,000-row page (median)", timings[timings.Count / 2].ToString("F1", CultureInfo.InvariantCulture), "<= 50"));
rows.Add(("ms per 5,000-row page (max)", timings[^1].ToString("F1", CultureInfo.InvariantCulture), "<= 50"));

GC.Collect();
GC.WaitForPendingFinalizers();
GC.Collect();
using var process = Process.GetCurrentProcess();
process.Refresh();
rows.Add(("managed heap after load (MB)", (GC.GetTotalMemory(false) / 1048576.0).ToString("F0", CultureInfo.InvariantCulture), string.Empty));
rows.Add(("peak working set (MB)", (process.PeakWorkingSet64 / 1048576.0).ToString("F0", CultureInfo.InvariantCulture), "<= 2,048"));

Console.WriteLine($"{"measure",-34} {"value",-22} goal");
Console.WriteLine(new string('-', 70));
foreach (var (measure, value, goal) in rows)
{
    Console.WriteLine($"{measure,-34} {value,-22} {goal}");
}

GC.KeepAlive(organization);

static string Rate(int count, TimeSpan elapsed) =>
    (count / elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture);
