using System.Runtime.InteropServices;
using EmailConnector.Platforms.Dotdigital.Double;

// The double alone, for the local run and the benchmarks: `dotnet run --project tests/EmailConnector.Platforms.Dotdigital.Double`
// (options: ServerMode.Usage). It runs on real time; POST /_control/time/advance moves its clock forward.
var (options, port) = ServerMode.Parse(args);
if (options is null)
{
    Console.WriteLine(ServerMode.Usage);
    return;
}

await using var server = await DotdigitalDouble.StartAsync(options, port: port);
Console.WriteLine(ServerMode.Banner(server));
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
// A process manager (the one-command local run) stops it with SIGTERM: shut Kestrel down cleanly then too.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.TrySetResult();
});
await stop.Task;
