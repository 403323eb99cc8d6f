using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using EmailConnector.Bench;
using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Smtp;
using EmailConnector.Platforms.Smtp.Composition;
using EmailConnector.Platforms.Smtp.Store;

// Messages/s for render + DKIM + SMTP of the SMTP platform into Postfix's smtp-sink, next to Postfix's smtp-source
// against the same sink in the same run (the floor: a C client sending pre-built messages). Loopback only.
// Usage: dotnet run -c Release --project bench/EmailConnector.Platforms.Smtp.Bench [recipients] [connections]
args = BenchReport.Init(args, "EmailConnector.Platforms.Smtp.Bench");
var loadAtStart = BenchReport.LoadAverage();
var recipients = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var connections = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
// "unsigned" as third argument measures the pipeline without DKIM, to show what the signature costs.
var unsignedRun = args.Length > 2 && args[2] == "unsigned";
if (!File.Exists("/usr/sbin/smtp-sink") || !File.Exists("/usr/sbin/smtp-source"))
{
    Console.Error.WriteLine("Postfix's smtp-sink and smtp-source are needed (apt-get install postfix).");
    BenchReport.Note("skipped", "Postfix's smtp-sink and smtp-source are missing (apt-get install postfix)");
    return 2;
}

var port = FreePort();
var sink = Start("/usr/sbin/smtp-sink", "-u", "nobody", "-c", $"127.0.0.1:{port}", "1024");
await WaitForPortAsync(port);
var folder = Path.Combine(Path.GetTempPath(), "ec-smtp-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
try
{
    using var rsa = RSA.Create(2048);
    var options = new SmtpPlatformOptions
    {
        DataFolder = folder,
        Delivery = DeliveryMode.Relay,
        Relay = new SmtpRelayOptions { Host = "127.0.0.1", Port = port, Security = RelaySecurity.None, MaxConnections = connections, RequestDsn = false },
        Dkim = unsignedRun ? new DkimOptions() : new DkimOptions { Domain = "example.com", Selector = "bench", PrivateKeyPem = rsa.ExportPkcs8PrivateKeyPem() },
        AllowUnsignedForLocalUse = unsignedRun,
        PerDomainMessagesPerMinute = 0,
        DispatchBatchSize = 1000,
        TokenSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        PublicBaseUrl = "https://t.example.com",
    };
    await using var runtime = new SmtpPlatformRuntime(options, TimeProvider.System);
    var platform = new SmtpEmailPlatform(runtime);
    var list = await platform.EnsureListAsync(new ListDefinition(new RecordReference("campaignactivity", Guid.NewGuid()), "Bench"), CancellationToken.None);
    for (var offset = 0; offset < recipients; offset += 1000)
    {
        var batch = Enumerable.Range(offset, Math.Min(1000, recipients - offset)).Select(i => new PlatformRecipient(
            RecordReference.Contact(Guid.NewGuid()), $"person{i}@example.net",
            new Dictionary<string, string?> { ["FIRSTNAME"] = "Anna" + i, ["LASTNAME"] = "Berg", ["CITY"] = "Hamburg" })).ToList();
        await platform.ImportRecipientsAsync(list.Id, batch, CancellationToken.None);
    }

    const string Html = """
        <html><body><h1>Spring news for {{FIRSTNAME}} {{LASTNAME}}</h1>
        <p>Dear {{FIRSTNAME}}, our spring offers for {{CITY|your town}} are here.</p>
        <p><a href="https://www.example.com/offers/spring">See the offers</a> · <a href="https://www.example.com/stores">Find a store</a> ·
        <a href="https://www.example.com/events?city=Hamburg">Events</a></p>
        <p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.
        Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.</p>
        </body></html>
        """;
    var watch = Stopwatch.StartNew();
    var handle = await platform.SendMailingAsync(new MailingRequest("bench-" + Guid.NewGuid().ToString("N"), list.Id, "Spring news for {{FIRSTNAME}}",
        "news@example.com", "News", null, Html), CancellationToken.None);
    watch.Stop();
    var sent = (await runtime.Store.CountDeliveriesAsync(long.Parse(handle.MailingId, CultureInfo.InvariantCulture), CancellationToken.None)).GetValueOrDefault(DeliveryStatus.Sent);
    var ours = sent / watch.Elapsed.TotalSeconds;

    // The same message size for the floor.
    var parts = await runtime.ReadyAsync(CancellationToken.None);
    var mailing = (await runtime.Store.GetMailingAsync(long.Parse(handle.MailingId, CultureInfo.InvariantCulture), CancellationToken.None))!;
    var sample = parts.Composer.Compose(mailing, new DeliveryWork(1, mailing.Id, mailing.ListId, 1, RecordReference.Contact(Guid.NewGuid()), "person1@example.net", "example.net",
        new Dictionary<string, string?> { ["FIRSTNAME"] = "Anna1", ["LASTNAME"] = "Berg", ["CITY"] = "Hamburg" }, 0));
    using var buffer = new MemoryStream();
    sample.Message.WriteTo(buffer);
    var size = (int)buffer.Length;

    // Where the time goes: rendering and signing alone, one thread, no I/O.
    var work = new DeliveryWork(1, mailing.Id, mailing.ListId, 1, RecordReference.Contact(Guid.NewGuid()), "person1@example.net", "example.net",
        new Dictionary<string, string?> { ["FIRSTNAME"] = "Anna1", ["LASTNAME"] = "Berg", ["CITY"] = "Hamburg" }, 0);
    var composeWatch = Stopwatch.StartNew();
    const int Composes = 2000;
    for (var i = 0; i < Composes; i++)
        parts.Composer.Compose(mailing, work).Message.WriteTo(Stream.Null);
    composeWatch.Stop();
    var unsigned = new MessageComposer(options, parts.Tokens, signer: null, TimeProvider.System);
    var renderWatch = Stopwatch.StartNew();
    for (var i = 0; i < Composes; i++)
        unsigned.Compose(mailing, work).Message.WriteTo(Stream.Null);
    renderWatch.Stop();

    var floorWatch = Stopwatch.StartNew();
    using (var source = Start("/usr/sbin/smtp-source", "-d", "-s", connections.ToString(CultureInfo.InvariantCulture), "-m", recipients.ToString(CultureInfo.InvariantCulture),
        "-l", size.ToString(CultureInfo.InvariantCulture), "-f", "b+bench@bounces.example.com", "-t", "person@example.net", $"127.0.0.1:{port}"))
        await source.WaitForExitAsync();
    floorWatch.Stop();
    var floor = recipients / floorWatch.Elapsed.TotalSeconds;

    Console.WriteLine($"recipients           {recipients}");
    Console.WriteLine($"connections          {connections}");
    Console.WriteLine($"message size         {size} bytes (multipart/alternative, 3 tracked links, pixel, DKIM rsa-sha256 2048)");
    Console.WriteLine($"platform sent        {sent} in {watch.Elapsed.TotalSeconds:0.00} s = {ours:0} messages/s (render + DKIM + SMTP + store claims and events, SQLite)");
    Console.WriteLine($"smtp-source (floor)  {recipients} in {floorWatch.Elapsed.TotalSeconds:0.00} s = {floor:0} messages/s (same size, same sessions, same sink)");
    Console.WriteLine($"render + DKIM alone  {Composes / composeWatch.Elapsed.TotalSeconds:0} messages/s on one thread ({composeWatch.Elapsed.TotalMilliseconds * 1000 / Composes:0} µs each)");
    Console.WriteLine($"render alone         {Composes / renderWatch.Elapsed.TotalSeconds:0} messages/s on one thread ({renderWatch.Elapsed.TotalMilliseconds * 1000 / Composes:0} µs each)");
    Console.WriteLine($"ratio                {ours / floor:P0} of the floor (goal >= 50 %)");
    Console.WriteLine($"load average at start: {loadAtStart}; at end: {BenchReport.LoadAverage()}");
    BenchReport.Figure($"messages/s, {recipients:N0} recipients, {connections} connections{(unsignedRun ? ", unsigned" : string.Empty)}", ours, "messages/s", floor, ">= 50 % of the floor");
    BenchReport.Figure("render + DKIM alone, one thread", Composes / composeWatch.Elapsed.TotalSeconds, "messages/s");
    BenchReport.Figure("render alone, one thread", Composes / renderWatch.Elapsed.TotalSeconds, "messages/s");
    BenchReport.Note("load average at start", loadAtStart);
    BenchReport.Note("load average at end", BenchReport.LoadAverage());
    return 0;
}
finally
{
    sink.Kill();
    sink.Dispose();
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static async Task WaitForPortAsync(int port)
{
    for (var i = 0; i < 200; i++)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return;
        }
        catch (SocketException)
        {
            await Task.Delay(50);
        }
    }
    throw new InvalidOperationException("smtp-sink did not start.");
}

static Process Start(string file, params string[] arguments)
{
    var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in arguments)
        start.ArgumentList.Add(argument);
    var process = Process.Start(start)!;
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, _) => { };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}
