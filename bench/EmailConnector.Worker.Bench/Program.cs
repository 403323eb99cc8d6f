using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using EmailConnector.Bench;
using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;
using EmailConnector.Dataverse;
using EmailConnector.Dataverse.Resilience;
using EmailConnector.Emulator.WebApi.Hosting;
using EmailConnector.Testing.Platforms;
using EmailConnector.Worker;
using EmailConnector.Worker.Bench;
using EmailConnector.Worker.Queue;
using EmailConnector.Worker.Reactions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;

// Worker benchmark (issue 7): transfer of N members (two lists: contacts static, leads dynamic; 3 % excluded) from the
// emulator over HTTP with the default service protection limits on to the in-memory platform, then the write-back of
// M reaction events through ReactionPull / ReactionWriteBack. The emulator runs in a child process (this program with
// --serve), so the memory figures are the worker's. Prints figures, asserts nothing.
// Usage: dotnet run -c Release --project bench/EmailConnector.Worker.Bench -- [members] [events] | --quick  [--json file]
args = BenchReport.Init(args, "EmailConnector.Worker.Bench");
if (args.Length > 0 && args[0] == "--serve")
{
    await EmulatorHost.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture));
    return;
}

var quick = args.Contains("--quick");
var numbers = args.Where(a => a != "--quick").Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
var members = numbers.Length > 0 ? numbers[0] : quick ? 20_000 : 100_000;
var eventCount = numbers.Length > 1 ? numbers[1] : quick ? 200_000 : 1_000_000;
var contactCount = members * 6 / 10;
var leadCount = members - contactCount;
var loadAtStart = BenchReport.LoadAverage();
BenchReport.Note("members", members.ToString(CultureInfo.InvariantCulture));
BenchReport.Note("events", eventCount.ToString(CultureInfo.InvariantCulture));

using var server = EmulatorProcess.Start(contactCount, leadCount);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"emulator ready: {contactCount:N0} contacts, {leadCount:N0} leads seeded in process in {server.SeedSeconds:0} s; limits on ({new ServiceProtectionOptions().RequestLimit:N0} requests / {new ServiceProtectionOptions().Window.TotalMinutes:0} min)"));

var inner = new InMemoryEmailPlatform(TimeProvider.System);
var platform = new CountingPlatform(inner);
await using var worker = WorkerServices(server.BaseAddress, platform);
await using var memory = new MemorySampler();
var client = worker.GetRequiredService<DataverseClient>();
var metrics = worker.GetRequiredService<DataverseMetrics>();

// Transfer.
var processor = worker.GetRequiredService<QueueProcessor>();
await client.WhoAmIAsync();
server.Command("start");
server.Command("breakdown");
var requestsBefore = server.Requests();
GC.Collect();
memory.Reset();
var heapBefore = GC.GetTotalMemory(false);
var transferWatch = Stopwatch.StartNew();
while (await processor.DrainOnceAsync(CancellationToken.None) > 0)
{
}

transferWatch.Stop();
var transferRequests = server.Requests() - requestsBefore;
var transferBreakdown = server.Command("breakdown");
var transferPeakHeap = memory.PeakHeap;
var transferPeakWorkingSet = memory.PeakWorkingSet;
var throttledTransfer = metrics.Snapshot().Throttled;
var listId = server.Command("list");
var transferred = inner.SubscribedMembers(listId).Count;
var transferPlatformCalls = inner.CallCount;

// Transfer floor: the same members read over the same HTTP front by the client, with nothing else done.
var floorWatch = Stopwatch.StartNew();
var read = 0;
foreach (var (set, fetch) in MemberFetches(server.ListIds))
{
    await foreach (var page in client.FetchPagesAsync(set, fetch))
        read += page.Rows.Count;
}

floorWatch.Stop();

// Reactions: one mailing to every transferred recipient (the sends), the rest spread over them at random.
IReactionScript script = inner;
var mailing = await script.SendAsync(listId);
var recipients = inner.SubscribedMembers(listId);
var random = new Random(7);
var reactionCount = await PlayReactionsAsync(script, mailing, recipients, Math.Max(0, eventCount - recipients.Count), random);
var totalEvents = recipients.Count + reactionCount;

// Write-back.
var pull = worker.GetRequiredService<ReactionPull>();
var quarters = new List<(int Percent, long Events, double HeapMb, double WorkingSetMb)>();
var nextQuarter = 1;
platform.EventsRead = read =>
{
    while (nextQuarter <= 4 && read >= totalEvents * nextQuarter / 4)
    {
        quarters.Add((nextQuarter * 25, read, MemorySampler.Mb(GC.GetTotalMemory(false)), MemorySampler.Mb(Environment.WorkingSet)));
        nextQuarter++;
    }
};
GC.Collect();
memory.Reset();
var writeBackHeapBefore = GC.GetTotalMemory(false);
server.Command("breakdown");
requestsBefore = server.Requests();
var throttledBefore = metrics.Snapshot().Throttled;
var platformTimeBefore = platform.TimeInPlatform;
var writeBackWatch = Stopwatch.StartNew();
foreach (var feed in new[] { ReactionFeed.Sends, ReactionFeed.Opens, ReactionFeed.Clicks, ReactionFeed.Replies, ReactionFeed.Bounces, ReactionFeed.Unsubscribes, ReactionFeed.Complaints })
    await pull.PullAsync(server.AccountId, feed);
writeBackWatch.Stop();
var writeBackRequests = server.Requests() - requestsBefore;
var writeBackBreakdown = server.Command("breakdown");
var writeBackThrottled = metrics.Snapshot().Throttled - throttledBefore;
var platformTime = platform.TimeInPlatform - platformTimeBefore;
var counts = JsonSerializer.Deserialize<Dictionary<string, int>>(server.Command("counts"))!;
var floorParts = server.Command("floor").Split(' ');
var floorRows = int.Parse(floorParts[0], CultureInfo.InvariantCulture);
var floorSeconds = double.Parse(floorParts[1], CultureInfo.InvariantCulture);
server.Command("quit");

var rowsCreated = counts["campaignresponse"] + counts["ec_emailclick"] + counts["ec_suppression"] + counts["ec_listunsubscribe"] + counts["email"] + counts["annotation"];
var rowsPerRecipient = rowsCreated / (double)recipients.Count;
var eventsPerSecond = platform.Events / writeBackWatch.Elapsed.TotalSeconds;
var floorEventsPerSecond = platform.Events / (floorSeconds + platformTime.TotalSeconds);

Console.WriteLine();
Console.WriteLine($"| {"figure",-52} | {"value",14} | {"floor",10} | {"ratio",7} | goal");
Console.WriteLine($"| {new string('-', 52)} | {new string('-', 14)} | {new string('-', 10)} | {new string('-', 7)} | ----");
Row("members (contacts static + leads dynamic)", members, "N0");
Row("transferred / excluded", $"{transferred:N0} / {members - transferred:N0}");
BenchReport.Figure("transferred", transferred, "count");
Row("transfer wall time (s)", transferWatch.Elapsed.TotalSeconds, "0.0", floorWatch.Elapsed.TotalSeconds, "<= 60 s", "s");
Row("transfer Dataverse requests", transferRequests, "N0");
Row("transfer 429 answers", throttledTransfer, "N0");
Row("transfer platform calls", transferPlatformCalls, "N0");
Row("transfer peak managed heap growth (MB)", MemorySampler.Mb(transferPeakHeap - heapBefore), "0", null, null, "MB");
Row("transfer peak working set (MB)", MemorySampler.Mb(transferPeakWorkingSet), "0", null, null, "MB");
Row("reaction events written back", platform.Events, "N0");
Row("write-back wall time (s)", writeBackWatch.Elapsed.TotalSeconds, "0.0", floorSeconds + platformTime.TotalSeconds, "<= 300 s", "s");
Row("write-back events/s", eventsPerSecond, "N0", floorEventsPerSecond, ">= 3,333 /s", "events/s");
Row("  of it inside the in-memory platform (s)", platformTime.TotalSeconds, "0.0", null, null, "s");
Row("write-back Dataverse requests", writeBackRequests, "N0");
Row("write-back 429 answers", writeBackThrottled, "N0");
Row("rows created per recipient", rowsPerRecipient, "0.00", null, "<= 1.1", "rows");
Row("  of them without the per-click rows", (rowsCreated - counts["ec_emailclick"]) / (double)recipients.Count, "0.00", null, null, "rows");
foreach (var (table, count) in counts)
    Row("  " + table + " rows", count, "N0");
Row("write-back peak managed heap growth (MB)", MemorySampler.Mb(memory.PeakHeap - writeBackHeapBefore), "0", null, null, "MB");
Row("write-back peak working set (MB)", MemorySampler.Mb(memory.PeakWorkingSet), "0", null, null, "MB");
foreach (var (percent, _, heap, workingSet) in quarters)
    RowText($"memory at {percent} % of events: heap / working set (MB)", $"{heap:0} / {workingSet:0}", $"managed heap at {percent} % of events", heap, "flat", "MB");
Console.WriteLine();
Console.WriteLine("transfer requests by target:   " + transferBreakdown);
Console.WriteLine("write-back requests by target: " + writeBackBreakdown);
Console.WriteLine("floors: transfer = the same members paged over the same HTTP front by the client alone; write-back = the rows it");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"left ({floorRows:N0}) upserted again by alternate key in process, 100 a request, plus the platform's own time; ratio = value / floor."));
Console.WriteLine("memory: this process holds the in-memory platform (all events) besides the worker; growth is the worker's.");
Console.WriteLine($"load average at start: {loadAtStart}; at end: {BenchReport.LoadAverage()} (2 cores shared)");
BenchReport.Note("load average at start", loadAtStart);
BenchReport.Note("load average at end", BenchReport.LoadAverage());

void Row(string name, object value, string? format = null, object? floor = null, string? goal = null, string? unit = null)
{
    var text = value is IFormattable f && format is not null ? f.ToString(format, CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture)!;
    double? floorValue = floor is null ? null : Convert.ToDouble(floor, CultureInfo.InvariantCulture);
    var numeric = value is IConvertible and not string ? Convert.ToDouble(value, CultureInfo.InvariantCulture) : (double?)null;
    var floorText = floorValue is { } fv ? fv.ToString(format ?? "0.0", CultureInfo.InvariantCulture) : string.Empty;
    var ratio = floorValue is { } r && numeric is { } n && r != 0 ? (n / r).ToString("0.00", CultureInfo.InvariantCulture) + "x" : string.Empty;
    Console.WriteLine($"| {name,-52} | {text,14} | {floorText,10} | {ratio,7} | {goal}");
    if (numeric is { } v)
        BenchReport.Figure(name, v, unit ?? "count", floorValue, goal);
}

// A row whose text is not its figure: the figure is reported under its own name.
void RowText(string name, string text, string figure, double value, string goal, string unit)
{
    Console.WriteLine($"| {name,-52} | {text,14} | {string.Empty,10} | {string.Empty,7} | {goal}");
    BenchReport.Figure(figure, value, unit, null, goal);
}

static async Task<int> PlayReactionsAsync(IReactionScript script, string mailing, IReadOnlyList<RecordReference> recipients, int count, Random random)
{
    // Of the reactions: 64 % opens, 33 % clicks, 2 % bounces (a quarter hard), 0.5 % unsubscribes (half list-level),
    // 0.4 % replies (a quarter automatic), 0.1 % complaints: with ten reactions per recipient, 5 % of the recipients
    // unsubscribe and 1 % complain, above what a real mailing sees.
    string[] urls = ["https://www.example.com/offers", "https://www.example.com/stores", "https://www.example.com/events?city=Hamburg"];
    for (var i = 0; i < count; i++)
    {
        var who = recipients[random.Next(recipients.Count)];
        var roll = random.NextDouble();
        if (roll < 0.64)
            await script.OpenAsync(mailing, who);
        else if (roll < 0.97)
            await script.ClickAsync(mailing, who, urls[random.Next(urls.Length)]);
        else if (roll < 0.99)
            await script.BounceAsync(mailing, who, random.Next(4) == 0 ? "5.1.1" : "4.2.2", random.Next(4) == 0 ? "550 5.1.1 user unknown" : "452 4.2.2 mailbox full");
        else if (roll < 0.995)
            await script.UnsubscribeAsync(mailing, who, random.Next(2) == 0 ? UnsubscribeScope.List : UnsubscribeScope.Global);
        else if (roll < 0.999)
            await script.ReplyAsync(mailing, who, automatic: random.Next(4) == 0);
        else
            await script.ComplainAsync(mailing, who);
    }

    return count;
}

static IEnumerable<(string Set, string Fetch)> MemberFetches((Guid Contacts, Guid Leads) lists)
{
    XElement Columns(string table) => new("entity", new XAttribute("name", table),
        new[] { table + "id", "emailaddress1", "firstname", "lastname", "donotbulkemail", "donotemail" }.Select(c => new XElement("attribute", new XAttribute("name", c))),
        new XElement("order", new XAttribute("attribute", table + "id")));
    var contacts = Columns("contact");
    contacts.Add(new XElement("link-entity", new XAttribute("name", "listmember"), new XAttribute("from", "entityid"), new XAttribute("to", "contactid"),
        new XElement("filter", new XElement("condition", new XAttribute("attribute", "listid"), new XAttribute("operator", "eq"), new XAttribute("value", lists.Contacts.ToString("D"))))));
    yield return ("contacts", new XElement("fetch", contacts).ToString(SaveOptions.DisableFormatting));
    var leads = Columns("lead");
    leads.Add(new XElement("filter", new XElement("condition", new XAttribute("attribute", "companyname"), new XAttribute("operator", "eq"), new XAttribute("value", "Bench"))));
    yield return ("leads", new XElement("fetch", leads).ToString(SaveOptions.DisableFormatting));
}

static ServiceProvider WorkerServices(Uri baseAddress, IEmailPlatform platform)
{
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Worker:InstanceName"] = "bench",
        ["Dataverse:Url"] = baseAddress.ToString(),
        ["Dataverse:ClientId"] = AuthenticationOptions.DefaultClientId,
        ["Dataverse:ClientSecret"] = AuthenticationOptions.DefaultClientSecret,
        ["Dataverse:Authority"] = new Uri(baseAddress, new AuthenticationOptions().TenantId + "/oauth2/v2.0/token").ToString(),
        ["Dataverse:AuthorityKind"] = "TokenEndpoint",
    }).Build();
    var services = new ServiceCollection();
    services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning)
        .AddSerilog(new Serilog.LoggerConfiguration().MinimumLevel.Warning().WriteTo.Console().CreateLogger(), dispose: true));
    services.AddSingleton(platform);
    services.AddEmailConnectorQueue(configuration);
    return services.BuildServiceProvider();
}
