using System.Diagnostics;
using System.Globalization;
using EmailConnector.Bench;
using EmailConnector.Emulator;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

// Emulator benchmark: prints figures, asserts nothing. Usage: dotnet run -c Release [contacts] [members] [--json file]
// Each timed figure has a floor measured in the same run: the same work done the cheapest way in process, with plain
// collections and no Dataverse semantics (see Floors below). The floors run after the memory figures, so their own
// rows do not count in the emulator's heap and working set.
args = BenchReport.Init(args, "EmailConnector.Emulator.Bench");
var contactCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var memberCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
const int PageSize = 5000;

var loadAtStart = LoadAverage();

// Everything goes through the emulator's public organization service, as the worker and the tests use it.
var organization = new EmulatedOrganization();
var service = organization.CreateService();
var rows = new List<(string Measure, string Value, string Floor, string Ratio, string Goal)>();

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
var createsPerSecond = contactCount / watch.Elapsed.TotalSeconds;

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


const int RetrieveCount = 200_000;
var columns = new ColumnSet("emailaddress1", "firstname");
watch.Restart();
for (var i = 0; i < RetrieveCount; i++)
{
    service.Retrieve("contact", contactIds[random.Next(contactCount)], columns);
}

watch.Stop();
var retrievesPerSecond = RetrieveCount / watch.Elapsed.TotalSeconds;

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

GC.Collect();
GC.WaitForPendingFinalizers();
GC.Collect();
using var process = Process.GetCurrentProcess();
process.Refresh();
var heapMegabytes = GC.GetTotalMemory(false) / 1048576.0;
var peakMegabytes = process.PeakWorkingSet64 / 1048576.0;

var floors = Floors.Measure(contactIds, RetrieveCount, [.. members], PageSize, timings.Count);

rows.Add(("contacts created", contactCount.ToString("N0", CultureInfo.InvariantCulture), string.Empty, string.Empty, string.Empty));
rows.Add(("creates/s", Rate(createsPerSecond), Rate(floors.CreatesPerSecond), Ratio(createsPerSecond, floors.CreatesPerSecond), ">= 50,000"));
BenchReport.Figure($"contact creates/s ({contactCount:N0})", createsPerSecond, "rows/s", floors.CreatesPerSecond, ">= 50,000");
rows.Add(("list members", members.Count.ToString("N0", CultureInfo.InvariantCulture), string.Empty, string.Empty, string.Empty));
rows.Add(("retrieves/s", Rate(retrievesPerSecond), Rate(floors.RetrievesPerSecond), Ratio(retrievesPerSecond, floors.RetrievesPerSecond), string.Empty));
BenchReport.Figure("retrieves/s", retrievesPerSecond, "rows/s", floors.RetrievesPerSecond);
rows.Add(("list-member pages timed", $"{timings.Count} ({passes} x {returned:N0} rows)", floors.PageTimes.Count.ToString(CultureInfo.InvariantCulture), string.Empty, ">= 20"));
var median = timings[timings.Count / 2];
var floorMedian = floors.PageTimes[floors.PageTimes.Count / 2];
rows.Add(("ms per 5,000-row page (median)", Milliseconds(median), Milliseconds(floorMedian), Ratio(median, floorMedian), "<= 50"));
BenchReport.Figure($"list-member page of 5,000, median ({members.Count:N0} members)", median, "ms", floorMedian, "<= 50");
rows.Add(("ms per 5,000-row page (max)", Milliseconds(timings[^1]), Milliseconds(floors.PageTimes[^1]), Ratio(timings[^1], floors.PageTimes[^1]), "<= 50"));
BenchReport.Figure($"list-member page of 5,000, max ({members.Count:N0} members)", timings[^1], "ms", floors.PageTimes[^1], "<= 50");
rows.Add(("managed heap after load (MB)", heapMegabytes.ToString("F0", CultureInfo.InvariantCulture), string.Empty, string.Empty, string.Empty));
BenchReport.Figure("managed heap after load", heapMegabytes, "MB");
rows.Add(("peak working set (MB)", peakMegabytes.ToString("F0", CultureInfo.InvariantCulture), string.Empty, string.Empty, "<= 2,048"));
BenchReport.Figure("peak working set", peakMegabytes, "MB", goal: "<= 2,048");

// For rates the ratio is the share of the floor's rate reached; for times, how many times the floor it takes.
Console.WriteLine($"{"measure",-34} {"value",-22} {"floor",-12} {"ratio",-8} goal");
Console.WriteLine(new string('-', 90));
foreach (var (measure, value, floorValue, ratio, goal) in rows)
{
    Console.WriteLine($"{measure,-34} {value,-22} {floorValue,-12} {ratio,-8} {goal}");
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

static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);

static string Milliseconds(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

static string Ratio(double value, double floor) => (value / floor).ToString("0.00", CultureInfo.InvariantCulture) + "x";
