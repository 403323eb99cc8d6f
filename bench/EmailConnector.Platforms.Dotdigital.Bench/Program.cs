using System.Diagnostics;
using System.Globalization;
using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Dotdigital;
using EmailConnector.Platforms.Dotdigital.Double;
using EmailConnector.Platforms.Dotdigital.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Transfers N recipients (default 100,000) to the Dotdigital double over HTTP in batches at the adapter's maximum, with
// the tiered limits on (Low 35/min as documented for the Basic package; Medium/High assumed), real time throughout.
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var spec = Environment.GetEnvironmentVariable("EMAILCONNECTOR_DOTDIGITAL_OPENAPI")
    ?? ServerMode.FindOpenApiFolder(Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory());
var vendorOptions = new DotdigitalDoubleOptions { SpecDirectory = spec, ImportPollsBeforeFinish = 1 };
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

Console.WriteLine("Dotdigital adapter → double, transfer benchmark");
Console.WriteLine($"| {"figure",-40} | {"value",16} |");
Console.WriteLine($"| {new string('-', 40)} | {new string('-', 16)} |");
void Row(string name, object value) => Console.WriteLine($"| {name,-40} | {value,16} |");
Row("recipients", count.ToString("N0", CultureInfo.InvariantCulture));
Row("imported or updated / rejected", $"{imported:N0} / {rejected:N0}");
Row("import batches (recipients each)", $"{batches} ({batch})");
Row("wall time", $"{clock.Elapsed.TotalSeconds:0.0} s");
Row("HTTP requests by the adapter", statistics.Requests);
Row("requests seen by the double", vendor.Statistics.Requests);
Row("429 answers / retries after them", $"{statistics.Throttled} / {statistics.ThrottleRetries}");
Row("held back by rate-limit headers", statistics.ProactiveWaits);
Row("time waiting for limits", $"{statistics.Waited.TotalSeconds:0.0} s");
Row("OpenAPI validation", vendor.ValidationStatus.Split(':')[0]);
Row("OpenAPI violations", vendor.Violations.Count);
foreach (var (route, calls) in vendor.Statistics.RequestsByRoute.OrderByDescending(r => r.Value).Take(6))
    Row("  " + (route.Length > 38 ? route[..38] : route), calls);
