using System.Diagnostics;
using System.Globalization;

namespace EmailConnector.Worker.Bench;

/// <summary>The child process running <see cref="EmulatorHost"/>, and its one-line command protocol.</summary>
internal sealed class EmulatorProcess : IDisposable
{
    private readonly Process _process;

    private EmulatorProcess(Process process, string[] ready)
    {
        _process = process;
        BaseAddress = new Uri(ready[1]);
        AccountId = Guid.Parse(ready[2]);
        ListIds = (Guid.Parse(ready[3]), Guid.Parse(ready[4]));
        SeedSeconds = double.Parse(ready[5], CultureInfo.InvariantCulture);
    }

    public Uri BaseAddress { get; }

    public Guid AccountId { get; }

    public (Guid Contacts, Guid Leads) ListIds { get; }

    public double SeedSeconds { get; }

    public static EmulatorProcess Start(int contacts, int leads)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(EmulatorProcess).Assembly.Location, "--serve", contacts.ToString(CultureInfo.InvariantCulture), leads.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("The emulator process did not start.");
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith("READY ", StringComparison.Ordinal))
                return new EmulatorProcess(process, line.Split(' '));
        }

        throw new InvalidOperationException("The emulator process ended before it was ready.");
    }

    public long Requests() => long.Parse(Command("requests"), CultureInfo.InvariantCulture);

    public string Command(string command)
    {
        _process.StandardInput.WriteLine(command);
        _process.StandardInput.Flush();
        if (command == "quit")
            return string.Empty;
        while (_process.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith("OK ", StringComparison.Ordinal))
                return line[3..];
            Console.WriteLine("emulator: " + line);
        }

        throw new InvalidOperationException($"The emulator process ended while answering '{command}'.");
    }

    public void Dispose()
    {
        // Closing its input ends the child, which this program started.
        _process.StandardInput.Close();
        if (!_process.WaitForExit(30_000))
            _process.Kill();
        _process.Dispose();
    }
}
