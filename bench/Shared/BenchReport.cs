using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EmailConnector.Bench;

/// <summary>
/// The machine-readable side of a benchmark program: with <c>--json &lt;file&gt;</c> among its arguments (taken out
/// before the program reads its own), every figure it reports is also written to that file as JSON when the process
/// ends, for bench/EmailConnector.Bench.All. The human-readable output stays as it is.
/// </summary>
internal static class BenchReport
{
    private static readonly List<JsonObject> Figures = [];
    private static readonly JsonObject Notes = [];
    private static string? _path;
    private static string _bench = string.Empty;

    /// <summary>Takes <c>--json &lt;file&gt;</c> out of <paramref name="args"/>; the rest are the program's own.</summary>
    public static string[] Init(string[] args, string bench)
    {
        _bench = bench;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--json" && i + 1 < args.Length)
                _path = args[++i];
            else
                rest.Add(args[i]);
        }

        if (_path is not null)
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Write();
        return [.. rest];
    }

    /// <summary>
    /// One figure: its value, and where the bench measured one in the same run, the floor it compares with (same
    /// unit); the ratio is value / floor. <paramref name="goal"/> is the goal as text, if any.
    /// </summary>
    public static void Figure(string figure, double value, string unit, double? floor = null, string? goal = null)
    {
        var row = new JsonObject
        {
            ["figure"] = figure,
            ["value"] = Round(value),
            ["unit"] = unit,
        };
        if (floor is { } f)
        {
            row["floor"] = Round(f);
            row["ratio"] = f == 0 ? null : Math.Round(value / f, 3);
        }

        if (goal is not null)
            row["goal"] = goal;
        lock (Figures)
            Figures.Add(row);
    }

    /// <summary>A fact about the run that is not a figure (counts used, load average, what was skipped).</summary>
    public static void Note(string key, string value)
    {
        lock (Figures)
            Notes[key] = value;
    }

    /// <summary>The 1-, 5- and 15-minute load averages, or "unknown".</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static double Round(double value) => Math.Round(value, value >= 100 ? 0 : 3);

    private static void Write()
    {
        if (_path is null)
            return;
        JsonObject document;
        lock (Figures)
        {
            document = new JsonObject
            {
                ["bench"] = _bench,
                ["finished"] = DateTimeOffset.UtcNow.ToString("u", CultureInfo.InvariantCulture),
                ["notes"] = Notes.DeepClone(),
                ["figures"] = new JsonArray([.. Figures.Select(f => f.DeepClone())]),
            };
        }

        File.WriteAllText(_path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
