using System.Globalization;
using EmailConnector.Platforms.Dotdigital.Double;

// dotnet run --project tests/EmailConnector.Platforms.Dotdigital.Double -- --urls http://127.0.0.1:5081
//   [--spec-dir ../shared/reference/esp/dotdigital] [--user U --password P] [--no-limits] [--flat-limit 2000]
var options = new DotdigitalDoubleOptions();
var port = 0;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--urls":
            port = new Uri(Next().Split(';')[0]).Port;
            break;
        case "--spec-dir":
            options.SpecDirectory = Next();
            break;
        case "--user":
            options.ApiUser = Next();
            break;
        case "--password":
            options.ApiPassword = Next();
            break;
        case "--no-limits":
            options.TieredLimits = null;
            break;
        case "--flat-limit":
            options.FlatLimitPerHour = int.Parse(Next(), CultureInfo.InvariantCulture);
            break;
        default:
            throw new ArgumentException($"Unknown argument {args[i]}.");
    }
}
options.SpecDirectory ??= Environment.GetEnvironmentVariable("EMAILCONNECTOR_DOTDIGITAL_OPENAPI");

await using var server = await DotdigitalDouble.StartAsync(options, port: port);
Console.WriteLine($"Dotdigital double listening on {server.BaseAddress} (API user {options.ApiUser})");
Console.WriteLine($"OpenAPI validation {server.ValidationStatus}; control API at {server.BaseAddress}_control/");
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
await stop.Task;
