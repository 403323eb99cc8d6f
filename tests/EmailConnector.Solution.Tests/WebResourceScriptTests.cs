using System.Diagnostics;
using EmailConnector.Testing;

namespace EmailConnector.Solution.Tests;

public class WebResourceScriptTests
{
    [SkippableFact]
    public void NodeTests_OfTheCommandScripts_Pass()
    {
        var node = FindOnPath("node");
        Skip.If(node is null, "node is not on PATH; install Node.js 18+ to run the web-resource tests (CI installs nodejs).");

        var folder = Path.Combine(RepositoryPaths.Root, "tests", "EmailConnector.Solution.Tests", "js");
        var tests = Directory.GetFiles(folder, "*.test.js").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(tests);
        var start = new ProcessStartInfo(node!) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        start.ArgumentList.Add("--test");
        foreach (var test in tests)
            start.ArgumentList.Add(test);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "node --test did not finish within two minutes");
        Assert.True(process.ExitCode == 0, $"node --test exited with {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        Assert.Contains("# fail 0", stdout.Result);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => new[] { Path.Combine(dir, name), Path.Combine(dir, name + ".exe") })
            .FirstOrDefault(File.Exists);
}
