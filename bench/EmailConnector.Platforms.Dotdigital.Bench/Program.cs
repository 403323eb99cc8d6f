using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using EmailConnector.Bench;
using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Dotdigital;
using EmailConnector.Platforms.Dotdigital.Double;
using EmailConnector.Platforms.Dotdigital.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Transfers N recipients (default 100,000) to the Dotdigital double over HTTP in batches at the adapter's maximum, with
// the tiered limits on (Low 35/min as documented for the Basic package; Medium/High assumed), real time throughout.
// The floor is the same transfer, in the same run, to a second double with the limits off: what is left once the
// vendor's limits stop forcing waits (HTTP, OpenAPI validation, the import polls), so the ratio is the limits' cost.
args = BenchReport.Init(args, "EmailConnector.Platforms.Dotdigital.Bench");
var loadAtStart = BenchReport.LoadAverage();
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var spec = Environment.GetEnvironmentVariable("EMAILCONNECTOR_DOTDIGITAL_OPENAPI")
    ?? ServerMode.FindOpenApiFolder(Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory());

// An unmeasured transfer of two full batches to a throwaway double warms up the JIT and the HTTP stack first, so that neither timed
// run pays for it (otherwise the first one would, and the limits' cost would look larger than it is).
await TransferAsync(new DotdigitalDoubleOptions { SpecDirectory = spec, ImportPollsBeforeFinish = 1, TieredLimits = null }, 10_000);
var limited = await TransferAsync(new DotdigitalDoubleOptions { SpecDirectory = spec, ImportPollsBeforeFinish = 1 }, count);
var floor = await TransferAsync(
    new DotdigitalDoubleOptions { SpecDirectory = spec, ImportPollsBeforeFinish = 1, TieredLimits = null, FlatLimitPerHour = null }, count);

Console.WriteLine("Dotdigital adapter → double, transfer benchmark (floor: the same transfer with the limits off)");
Console.WriteLine($"| {"figure",-40} | {"limits on",16} | {"floor: limits off",17} | {"ratio",6} |");
Console.WriteLine($"| {new string('-', 40)} | {new string('-', 16)} | {new string('-', 17)} | {new string('-', 6)} |");
void Row(string name, object value, object? floorValue = null, string ratio = "") =>
    Console.WriteLine($"| {name,-40} | {value,16} | {floorValue,17} | {ratio,6} |");
Row("recipients", count.ToString("N0", CultureInfo.InvariantCulture), count.ToString("N0", CultureInfo.InvariantCulture));
Row("imported or updated / rejected", $"{limited.Imported:N0} / {limited.Rejected:N0}", $"{floor.Imported:N0} / {floor.Rejected:N0}");
Row("import batches (recipients each)", $"{limited.Batches} ({limited.BatchSize})", $"{floor.Batches} ({floor.BatchSize})");
Row("wall time", $"{limited.Seconds:0.0} s", $"{floor.Seconds:0.0} s",
    (limited.Seconds / floor.Seconds).ToString("0.00", CultureInfo.InvariantCulture) + "x");
Row("HTTP requests by the adapter", limited.Requests, floor.Requests);
Row("requests seen by the double", limited.DoubleRequests, floor.DoubleRequests);
Row("429 answers / retries after them", $"{limited.Throttled} / {limited.ThrottleRetries}", $"{floor.Throttled} / {floor.ThrottleRetries}");
Row("held back by rate-limit headers", limited.ProactiveWaits, floor.ProactiveWaits);
Row("time waiting for limits", $"{limited.Waited:0.0} s", $"{floor.Waited:0.0} s");
Row("OpenAPI validation", limited.Validation, floor.Validation);
Row("OpenAPI violations", limited.Violations, floor.Violations);
foreach (var (route, calls) in limited.ByRoute)
    Row("  " + route, calls, floor.ByRoute.FirstOrDefault(r => r.Route == route).Calls);

// Import and address-book ids and the since-times differ between the two runs, so routes are compared without them.
static string RouteShape(string route) =>
    Regex.Replace(route, "/([0-9a-fA-F-]{36}|[0-9]+|[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z)(?=/|$)", "/{id}");
Console.WriteLine($"load average at start: {loadAtStart}; at end: {BenchReport.LoadAverage()}");

BenchReport.Figure($"transfer wall time, {count:N0} recipients", limited.Seconds, "s", floor.Seconds);
BenchReport.Figure("HTTP requests by the adapter", limited.Requests, "count", floor.Requests);
BenchReport.Figure("429 answers", limited.Throttled, "count");
BenchReport.Figure("time waiting for limits", limited.Waited, "s");
BenchReport.Figure("OpenAPI violations", limited.Violations + floor.Violations, "count");
BenchReport.Note("floor", "the same transfer to a second double with the rate limits off, same run");
BenchReport.Note("load average at start", loadAtStart);
BenchReport.Note("load average at end", BenchReport.LoadAverage());

// One transfer to a fresh double and a fresh adapter (own statistics), timed from EnsureList to the last import.
static async Task<Transfer> TransferAsync(DotdigitalDoubleOptions vendorOptions, int count)
{
    await using var vendor = await DotdigitalDouble.StartAsync(vendorOptions);
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Platforms:Dotdigital:ApiUser"] = vendorOptions.ApiUser,
        ["Platforms:Dotdigital:ApiPassword"] = vendorOptions.ApiPassword,
        ["Platforms:Dotdigital:DiscoveryEndpoint"] = vendor.DiscoveryAddress.ToString(),
        ["Platforms:Dotdigital:ImportPollInterval"] = "00:00:00.250",
    }).Build();
    await using var services = new ServiceCollection().AddLogging().AddDotdigitalPlatform(configuration).BuildServiceProvider();
    var platform = services.GetRequiredService<IEmailPlatform>();
    var statistics = services.GetRequiredService<DotdigitalCallStatistics>();

    var clock = Stopwatch.StartNew();
    var list = await platform.EnsureListAsync(new ListDefinition(new RecordReference("campaignactivity", Guid.NewGuid()), "Benchmark"), CancellationToken.None);
    var batch = platform.Capabilities.MaxImportBatchSize;
    int imported = 0, rejected = 0, batches = 0;
    for (var start = 0; start < count; start += batch)
    {
        var recipients = Enumerable.Range(start, Math.Min(batch, count - start))
            .Select(i => new PlatformRecipient(RecordReference.Contact(Guid.NewGuid()), $"person.{i}@example.com",
                new Dictionary<string, string?> { ["FIRSTNAME"] = "Person", ["LASTNAME"] = i.ToString(CultureInfo.InvariantCulture) }))
            .ToList();
        var result = await platform.ImportRecipientsAsync(list.Id, recipients, CancellationToken.None);
        imported += result.Count(RecipientOutcomeKind.Imported) + result.Count(RecipientOutcomeKind.Updated);
        rejected += result.Count(RecipientOutcomeKind.Rejected);
        batches++;
    }

    clock.Stop();
    return new Transfer(clock.Elapsed.TotalSeconds, imported, rejected, batches, batch, statistics.Requests, vendor.Statistics.Requests,
        statistics.Throttled, statistics.ThrottleRetries, statistics.ProactiveWaits, statistics.Waited.TotalSeconds,
        vendor.ValidationStatus.Split(':')[0], vendor.Violations.Count,
        [.. vendor.Statistics.RequestsByRoute.GroupBy(r => RouteShape(r.Key)).Select(g => (g.Key, g.Sum(r => r.Value)))
            .OrderByDescending(r => r.Item2).Take(6)]);
}

internal sealed record Transfer(
    double Seconds, int Imported, int Rejected, int Batches, int BatchSize, long Requests, long DoubleRequests, long Throttled,
    long ThrottleRetries, long ProactiveWaits, double Waited, string Validation, int Violations, IReadOnlyList<(string Route, int Calls)> ByRoute);
