using System.Diagnostics;
using System.Runtime.InteropServices;
using EmailConnector.Emulator.WebApi.Hosting;

namespace EmailConnector.Emulator.WebApi.Tests.Hosting;

public sealed class EmulatorCommandLineTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    // systemd, docker stop and kill send SIGTERM: the emulator must stop by itself, not wait for SIGKILL.
    [SkippableFact]
    public async Task RunAsync_Sigterm_StopsTheServerAndExitsZero()
    {
        Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "SIGTERM is a POSIX signal.");
        var assembly = typeof(EmulatorCommandLine).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "exec", assembly, "--port", "0", "--no-auth" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            string? line;
            while ((line = await process.StandardOutput.ReadLineAsync(timeout.Token)) is not null && !line.Contains("Ctrl+C stops", StringComparison.Ordinal))
            {
            }

            Assert.NotNull(line);
            Assert.Equal(0, Kill(process.Id, Sigterm));
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
