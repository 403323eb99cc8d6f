using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using EmailConnector.Bench;
using EmailConnector.Dataverse;
using EmailConnector.Dataverse.Query;
using EmailConnector.Emulator;
using EmailConnector.Emulator.Pipeline;
using EmailConnector.Emulator.WebApi.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;

// Pages contacts at 5,000 per page from the emulator's HTTP front, through the client and through a bare HttpClient
// loop (the floor), and prints rows/s and peak managed memory. The server runs in a child process (this program with
// --serve), so the memory figures are the reader's alone.
// Usage: dotnet run -c Release --project bench/EmailConnector.Dataverse.Bench [rows ...] [--json file]  (default 100000 1000000)
args = BenchReport.Init(args, "EmailConnector.Dataverse.Bench");
var loadAtStart = BenchReport.LoadAverage();
if (args.Length > 0 && args[0] == "--serve")
{
    await Serve(int.Parse(args[1], CultureInfo.InvariantCulture));
    return;
}

const int PageSize = 5000;
var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [100_000, 1_000_000];
var results = new List<(int Rows, string Reader, double Seconds, long PeakBytes, long AllocatedBytes)>();
foreach (var size in sizes)
{
    using var server = StartServer(size, out var baseAddress);
    try
    {
        await RunAsync(size, baseAddress, results);
    }
    finally
    {
        // Closing its input ends the server process, which this program started.
        server.StandardInput.Close();
        if (!server.WaitForExit(30_000))
        {
            server.Kill();
        }
    }
}

PrintTable(results);
Console.WriteLine($"load average at start: {loadAtStart}; at end: {BenchReport.LoadAverage()}");
BenchReport.Note("load average at start", loadAtStart);
BenchReport.Note("load average at end", BenchReport.LoadAverage());

static async Task RunAsync(int size, Uri baseAddress, List<(int Rows, string Reader, double Seconds, long PeakBytes, long AllocatedBytes)> results)
{
    var token = await TokenAsync(baseAddress);
    await using var services = ClientServices(baseAddress);
    var client = services.GetRequiredService<DataverseClient>();
    using var http = BareClient(baseAddress, token);

    // Warm-up: JIT and connections on both paths, one page each.
    await FloorAsync(http, maxPages: 1);
    await ClientAsync(client, maxPages: 1);

    // Two rounds in alternating order; the faster round of each reader is reported.
    var best = new Dictionary<string, (double Seconds, long Peak, long Allocated)>();
    foreach (var order in new[] { new[] { "floor", "client" }, new[] { "client", "floor" } })
    {
        foreach (var reader in order)
        {
            var (seconds, peak, allocated, rows) = await Measure(() => reader == "floor" ? FloorAsync(http) : ClientAsync(client));
            if (rows != size)
            {
                throw new InvalidOperationException($"{reader} read {rows} rows, expected {size}.");
            }

            if (!best.TryGetValue(reader, out var previous) || seconds < previous.Seconds)
            {
                best[reader] = (seconds, Math.Max(peak, previous.Peak), allocated);
            }
            else
            {
                best[reader] = previous with { Peak = Math.Max(previous.Peak, peak) };
            }
        }
    }

    foreach (var (reader, figures) in best)
    {
        results.Add((size, reader, figures.Seconds, figures.Peak, figures.Allocated));
    }
}

static void PrintTable(List<(int Rows, string Reader, double Seconds, long PeakBytes, long AllocatedBytes)> results)
{
    Console.WriteLine();
    Console.WriteLine("| rows | reader | time (s) | rows/s | peak managed heap (MB) | allocated (MB) | client/floor time |");
    Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: |");
    foreach (var group in results.GroupBy(r => r.Rows))
    {
        var floor = group.Single(r => r.Reader == "floor");
        foreach (var r in group.OrderBy(r => r.Reader == "client"))
        {
            var ratio = r.Reader == "client" ? (r.Seconds / floor.Seconds).ToString("0.00", CultureInfo.InvariantCulture) + "x" : string.Empty;
            if (r.Reader == "client")
            {
                BenchReport.Figure($"client paging time, {r.Rows:N0} rows", r.Seconds, "s", floor.Seconds);
                BenchReport.Figure($"client rows/s, {r.Rows:N0} rows", r.Rows / r.Seconds, "rows/s", r.Rows / floor.Seconds);
                BenchReport.Figure($"client peak managed heap, {r.Rows:N0} rows", r.PeakBytes / 1048576.0, "MB", floor.PeakBytes / 1048576.0);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Rows:N0} | {r.Reader} | {r.Seconds:0.00} | {r.Rows / r.Seconds:N0} | {r.PeakBytes / 1048576.0:0.0} | {r.AllocatedBytes / 1048576.0:N0} | {ratio} |"));
        }
    }
}

static async Task<(double Seconds, long Peak, long Allocated, int Rows)> Measure(Func<Task<int>> read)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var baseline = GC.GetTotalMemory(false);
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    long peak = baseline;
    using var stop = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            peak = Math.Max(peak, GC.GetTotalMemory(false));
            await Task.Delay(2);
        }
    });
    var watch = Stopwatch.StartNew();
    var rows = await read();
    watch.Stop();
    await stop.CancelAsync();
    await sampler;
    peak = Math.Max(peak, GC.GetTotalMemory(false));
    return (watch.Elapsed.TotalSeconds, peak - baseline, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, rows);
}

static async Task<int> ClientAsync(DataverseClient client, int maxPages = int.MaxValue)
{
    var rows = 0;
    var pages = 0;
    var check = 0;
    await foreach (var page in client.QueryPagesAsync(new ODataQuery("contacts").Select("fullname", "emailaddress1").WithPageSize(PageSize)))
    {
        foreach (var row in page.Rows)
        {
            check ^= row.GetGuid("contactid")!.Value.GetHashCode();
            rows++;
        }

        if (++pages == maxPages)
        {
            break;
        }
    }

    GC.KeepAlive(check);
    return rows;
}

static async Task<int> FloorAsync(HttpClient http, int maxPages = int.MaxValue)
{
    var rows = 0;
    var pages = 0;
    var check = 0;
    string? url = "contacts?$select=fullname,emailaddress1";
    while (url is not null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Prefer", "odata.maxpagesize=" + PageSize.ToString(CultureInfo.InvariantCulture));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var document = await JsonDocument.ParseAsync(stream);
        foreach (var row in document.RootElement.GetProperty("value").EnumerateArray())
        {
            check ^= row.GetProperty("contactid").GetGuid().GetHashCode();
            rows++;
        }

        url = document.RootElement.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null;
        if (++pages == maxPages)
        {
            break;
        }
    }

    GC.KeepAlive(check);
    return rows;
}

static HttpClient BareClient(Uri baseAddress, string token)
{
    var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = new Uri(baseAddress, "api/data/v9.2/"), Timeout = TimeSpan.FromMinutes(2) };
    http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    http.DefaultRequestHeaders.Add("OData-MaxVersion", "4.0");
    http.DefaultRequestHeaders.Add("OData-Version", "4.0");
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return http;
}

static async Task<string> TokenAsync(Uri baseAddress)
{
    using var http = new HttpClient();
    using var form = new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = AuthenticationOptions.DefaultClientId,
        ["client_secret"] = AuthenticationOptions.DefaultClientSecret,
        ["scope"] = baseAddress.GetLeftPart(UriPartial.Authority) + "/.default",
    });
    using var response = await http.PostAsync(new Uri(baseAddress, "_emulator/token"), form);
    response.EnsureSuccessStatusCode();
    using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    return document.RootElement.GetProperty("access_token").GetString()!;
}

static ServiceProvider ClientServices(Uri baseAddress)
{
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Dataverse:Url"] = baseAddress.ToString(),
        ["Dataverse:ClientId"] = AuthenticationOptions.DefaultClientId,
        ["Dataverse:ClientSecret"] = AuthenticationOptions.DefaultClientSecret,
        ["Dataverse:Authority"] = new Uri(baseAddress, "_emulator/token").ToString(),
        ["Dataverse:AuthorityKind"] = nameof(AuthorityKind.TokenEndpoint),
    }).Build();
    var services = new ServiceCollection();
    services.AddLogging();
    services.AddDataverseClient(configuration);
    return services.BuildServiceProvider();
}

static Process StartServer(int rows, out Uri baseAddress)
{
    var start = new ProcessStartInfo("dotnet", [typeof(DataverseClient).Assembly.Location.Replace("EmailConnector.Dataverse.dll", "EmailConnector.Dataverse.Bench.dll", StringComparison.Ordinal), "--serve", rows.ToString(CultureInfo.InvariantCulture)])
    {
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        UseShellExecute = false,
    };
    var process = Process.Start(start) ?? throw new InvalidOperationException("The server process did not start.");
    var watch = Stopwatch.StartNew();
    while (process.StandardOutput.ReadLine() is { } line)
    {
        if (line.StartsWith("READY ", StringComparison.Ordinal))
        {
            baseAddress = new Uri(line["READY ".Length..]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server with {rows:N0} contacts ready after {watch.Elapsed.TotalSeconds:0} s"));
            return process;
        }
    }

    throw new InvalidOperationException("The server process ended before it was ready.");
}

static async Task Serve(int rows)
{
    var organization = new EmulatedOrganization(new EmulatorOptions { RecordRequests = false });
    var service = organization.CreateService();
    for (var i = 0; i < rows; i++)
    {
        service.Create(new Entity("contact")
        {
            ["firstname"] = "First" + i.ToString(CultureInfo.InvariantCulture),
            ["lastname"] = "Last" + i.ToString(CultureInfo.InvariantCulture),
            ["emailaddress1"] = "contact" + i.ToString(CultureInfo.InvariantCulture) + "@example.com",
        });
    }

    await using var server = await EmulatorServer.StartAsync(organization, new WebApiOptions());
    Console.WriteLine("READY " + server.BaseAddress);
    await Console.In.ReadLineAsync();
}
