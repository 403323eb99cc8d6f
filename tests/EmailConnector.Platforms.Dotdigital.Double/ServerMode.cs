using System.Globalization;
using System.Text;

namespace EmailConnector.Platforms.Dotdigital.Double;

/// <summary>The double as a small server of its own (<c>dotnet run</c>): its arguments, where the OpenAPI files are, and what it prints.</summary>
public static class ServerMode
{
    public const string Usage = """
        dotnet run --project tests/EmailConnector.Platforms.Dotdigital.Double [-- options]
          --port N | --urls http://127.0.0.1:N   listen on that loopback port (default: any free port)
          --spec-dir DIR                          the vendor's OpenAPI files (default: EMAILCONNECTOR_DOTDIGITAL_OPENAPI,
                                                  else ../shared/reference/esp/dotdigital beside the checkout)
          --no-openapi                            run without request/response validation
          --user U --password P                   the API user's credentials
          --no-limits                             turn the tiered per-minute limits off
          --flat-limit N                          the legacy scheme: N calls per hour, then 400 ERROR_APIUSAGE_EXCEEDED
          --help                                  this text
        """;

    /// <summary>The control routes a local run or a benchmark uses, as the banner lists them.</summary>
    public static readonly IReadOnlyList<string> ControlRoutes =
    [
        "POST send {addressBookIds, subject?, sendDate?}",
        "POST reactions {kind, campaignId, record|contactId, url?, occurredAt?, late?}",
        "POST signups {addressBookId, email, fields?}",
        "POST contacts {email, dataFields?, addressBookIds?, status?}",
        "POST imports/next {status, failures?, noReport?}",
        "POST faults {method, pathPrefix, kind, status?, delayMilliseconds?, count?}",
        "POST account {sendNotPermitted, requireSystemApproval}",
        "POST limits {tiered?, flatPerHour?, resetAsEpoch, lowerCaseHeaders}",
        "POST time/advance {seconds}",
        "GET  violations",
        "GET  stats",
    ];

    /// <summary>Reads the command line; null options mean <c>--help</c> was asked.</summary>
    public static (DotdigitalDoubleOptions? Options, int Port) Parse(IReadOnlyList<string> args, Func<string, string?>? environment = null, string? startDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        environment ??= Environment.GetEnvironmentVariable;
        var options = new DotdigitalDoubleOptions();
        var port = 0;
        var validate = true;
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--help" or "-h":
                    return (null, 0);
                case "--port":
                    port = int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "--urls":
                    port = LoopbackPort(Next());
                    break;
                case "--spec-dir":
                    options.SpecDirectory = Next();
                    break;
                case "--no-openapi":
                    validate = false;
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
                    options.FlatLimitPerHour = int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"Unknown argument {args[i]}.\n{Usage}");
            }
        }

        options.SpecDirectory = validate
            ? options.SpecDirectory ?? environment("EMAILCONNECTOR_DOTDIGITAL_OPENAPI") ?? FindOpenApiFolder(environment, startDirectory ?? Directory.GetCurrentDirectory())
            : null;
        return (options, port);
    }

    /// <summary>
    /// The vendor files in the shared reference folder: EMAILCONNECTOR_SHARED_REFERENCE, else <c>../shared/reference</c>
    /// beside the checkout found above <paramref name="startDirectory"/> (the folder holding EmailConnector.sln).
    /// </summary>
    public static string? FindOpenApiFolder(Func<string, string?> environment, string startDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment("EMAILCONNECTOR_SHARED_REFERENCE") is { Length: > 0 } shared)
            return Existing(Path.Combine(shared, "esp", "dotdigital"));
        foreach (var start in new[] { startDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "EmailConnector.sln")))
                    return Existing(Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "reference", "esp", "dotdigital")));
            }
        }
        return null;
    }

    /// <summary>What the server prints at start: where it is, how a worker reaches it, and its control API.</summary>
    public static string Banner(DotdigitalDouble server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var endpoint = server.BaseAddress.ToString();
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Dotdigital double listening on {endpoint} (API user {server.Options.ApiUser})")
            .AppendLine(CultureInfo.InvariantCulture, $"OpenAPI validation {server.ValidationStatus}")
            .AppendLine("Worker settings (environment):")
            .AppendLine("  Worker__Platform=Dotdigital")
            .AppendLine(CultureInfo.InvariantCulture, $"  Platforms__Dotdigital__ApiUser={server.Options.ApiUser}")
            .AppendLine(CultureInfo.InvariantCulture, $"  Platforms__Dotdigital__ApiPassword={server.Options.ApiPassword}")
            .AppendLine(CultureInfo.InvariantCulture, $"  Platforms__Dotdigital__DiscoveryEndpoint={endpoint}")
            .AppendLine(CultureInfo.InvariantCulture, $"Control API at {endpoint}_control/ (JSON, no credentials):");
        foreach (var route in ControlRoutes)
            text.AppendLine("  " + route);
        return text.Append("Ctrl+C or SIGTERM stops it.").ToString();
    }

    private static int LoopbackPort(string urls)
    {
        var uri = new Uri(urls.Split(';')[0]);
        // Kestrel is bound to 127.0.0.1 only: the double has no real authentication to offer beyond loopback.
        if (!uri.IsLoopback)
            throw new ArgumentException($"The double listens on loopback only; {uri.Host} is not.");
        return uri.Port;
    }

    private static string? Existing(string path) => Directory.Exists(path) ? path : null;
}
