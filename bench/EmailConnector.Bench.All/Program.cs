using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using EmailConnector.Bench.All;

// Runs every benchmark program under bench/ one after the other (each with --json), streams their own output, and
// writes the figures as one table to docs/benchmarks.md.
// Usage: dotnet run -c Release --project bench/EmailConnector.Bench.All [-- --quick] [--only <name part>] [--output <file>]
var quick = args.Contains("--quick");
var only = Option("--only");
var root = RepositoryRoot();
var output = Option("--output") ?? Path.Combine(root, "docs", "benchmarks.md");
var benches = Benchmarks.All.Where(b => only is null || b.Name.Contains(only, StringComparison.OrdinalIgnoreCase)).ToList();
var scratch = Directory.CreateTempSubdirectory("ec-bench-");
var started = DateTimeOffset.UtcNow;
var loadAtStart = LoadAverage();
var runs = new List<BenchRun>();
try
{
    foreach (var bench in benches)
    {
        var json = Path.Combine(scratch.FullName, bench.Name + ".json");
        var arguments = quick ? bench.QuickArguments : bench.FullArguments;
        Console.WriteLine();
        Console.WriteLine($"=== {bench.Name} {string.Join(' ', arguments)}");
        var watch = Stopwatch.StartNew();
        var exitCode = await RunAsync(root, bench, arguments, json);
        watch.Stop();
        var document = File.Exists(json) ? JsonNode.Parse(await File.ReadAllTextAsync(json))?.AsObject() : null;
        runs.Add(new BenchRun(bench, arguments, exitCode, watch.Elapsed, document));
        Console.WriteLine($"=== {bench.Name}: exit {exitCode} after {watch.Elapsed.TotalMinutes:0.0} min");
    }
}
finally
{
    scratch.Delete(recursive: true);
}

var markdown = Report.Write(runs, new RunFacts(started, DateTimeOffset.UtcNow, quick, loadAtStart, LoadAverage(), Machine()));
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
await File.WriteAllTextAsync(output, markdown);
Console.WriteLine();
Console.WriteLine($"wrote {output}");
return runs.All(r => r.ExitCode == 0 || r.Skipped) ? 0 : 1;

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static async Task<int> RunAsync(string root, Benchmark bench, IReadOnlyList<string> arguments, string json)
{
    var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, UseShellExecute = false };
    foreach (var argument in new[] { "run", "-c", "Release", "--project", Path.Combine("bench", bench.Name), "--" }.Concat(arguments).Concat(["--json", json]))
        start.ArgumentList.Add(argument);
    using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    await process.WaitForExitAsync();
    return process.ExitCode;
}

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "EmailConnector.sln")))
            return dir.FullName;
    }

    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "EmailConnector.sln")))
            return dir.FullName;
    }

    throw new InvalidOperationException("EmailConnector.sln was not found above the current directory.");
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static string Machine()
{
    var memory = "unknown";
    if (File.Exists("/proc/meminfo"))
    {
        var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        if (line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture, out var kb))
            memory = (kb / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " GiB";
    }

    var cpu = File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        : null;
    var text = new StringBuilder();
    text.Append(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores");
    if (cpu is not null)
        text.Append(CultureInfo.InvariantCulture, $" ({cpu})");
    text.Append(CultureInfo.InvariantCulture, $", {memory} memory, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
    return text.ToString();
}
