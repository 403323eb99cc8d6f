using System.Diagnostics;
using System.Globalization;
using EmailConnector.Bench;
using EmailConnector.Emulator;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

// Emulator benchmark: prints figures, asserts nothing. Usage: dotnet run -c Release [contacts] [members] [--json file]
args = BenchReport.Init(args, "EmailConnector.Emulator.Bench");
var contactCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var memberCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
const int PageSize = 5000;

var loadAtStart = LoadAverage();

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
BenchReport.Figure($"contact creates/s ({contactCount:N0})", contactCount / watch.Elapsed.TotalSeconds, "rows/s", goal: ">= 50,000");

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
BenchReport.Figure("retrieves/s", RetrieveCount / watch.Elapsed.TotalSeconds, "rows/s");

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

// One unmeasured pass over the whole list warms up the JIT and builds what the store builds on first use; then
// every page of at least two more passes (and at least 20 pages) is timed, so the median and max cover pages from
// all over the list.
ReadList(null);
var timings = new List<double>();
var returned = 0;
var passes = 0;
while (passes < 2 || timings.Count < 20)
{
    returned = ReadList(timings);
    passes++;
}

timings.Sort();
rows.Add(("list-member pages timed", $"{timings.Count} ({passes} x {returned:N0} rows)", ">= 20"));
rows.Add(("ms per 5,000-row page (median)", timings[timings.Count / 2].ToString("F1", CultureInfo.InvariantCulture), "<= 50"));
BenchReport.Figure($"list-member page of 5,000, median ({members.Count:N0} members)", timings[timings.Count / 2], "ms", goal: "<= 50");
BenchReport.Figure($"list-member page of 5,000, max ({members.Count:N0} members)", timings[^1], "ms", goal: "<= 50");
rows.Add(("ms per 5,000-row page (max)", timings[^1].ToString("F1", CultureInfo.InvariantCulture), "<= 50"));

GC.Collect();
GC.WaitForPendingFinalizers();
GC.Collect();
using var process = Process.GetCurrentProcess();
process.Refresh();
rows.Add(("managed heap after load (MB)", (GC.GetTotalMemory(false) / 1048576.0).ToString("F0", CultureInfo.InvariantCulture), string.Empty));
BenchReport.Figure("managed heap after load", GC.GetTotalMemory(false) / 1048576.0, "MB");
BenchReport.Figure("peak working set", process.PeakWorkingSet64 / 1048576.0, "MB", goal: "<= 2,048");
rows.Add(("peak working set (MB)", (process.PeakWorkingSet64 / 1048576.0).ToString("F0", CultureInfo.InvariantCulture), "<= 2,048"));

Console.WriteLine($"{"measure",-34} {"value",-22} goal");
Console.WriteLine(new string('-', 70));
foreach (var (measure, value, goal) in rows)
{
    Console.WriteLine($"{measure,-34} {value,-22} {goal}");
}

// The machine is shared: the load average tells how far the figures are from an idle machine's.
Console.WriteLine($"load average at start: {loadAtStart}");
Console.WriteLine($"load average at end:   {LoadAverage()}");
BenchReport.Note("load average at start", loadAtStart);
BenchReport.Note("load average at end", LoadAverage());
GC.KeepAlive(organization);

// Reads every page of the list with paging cookies; returns the rows read and adds each page's time when asked.
int ReadList(List<double>? pageTimes)
{
    string? pagingCookie = null;
    var pageNumber = 1;
    var read = 0;
    var pageWatch = new Stopwatch();
    while (true)
    {
        pageWatch.Restart();
        var page = service.RetrieveMultiple(new FetchExpression(Fetch(pageNumber, pagingCookie)));
        pageWatch.Stop();
        pageTimes?.Add(pageWatch.Elapsed.TotalMilliseconds);
        read += page.Entities.Count;
        if (!page.MoreRecords)
        {
            return read;
        }

        pagingCookie = page.PagingCookie;
        pageNumber++;
    }
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown (no /proc/loadavg)";

static string Rate(int count, TimeSpan elapsed) =>
    (count / elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture);
