using System.Globalization;
using System.Runtime.InteropServices;

namespace EmailConnector.Emulator.WebApi.Hosting;

/// <summary>
/// <c>dotnet run --project src/EmailConnector.Emulator.WebApi -- [--port 5555] [--solution DIR] [--plugins DLL]
/// [--https] [--no-auth] [--protection] [--client-id ID --client-secret SECRET]</c>: runs the emulator alone with the
/// solution imported and its plugins registered, printing every request it serves.
/// </summary>
public static class EmulatorCommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        Settings settings;
        try
        {
            settings = Parse(args);
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }
        if (settings.Help)
        {
            Console.WriteLine(Usage);
            return 0;
        }
        var organization = CreateOrganization(settings);
        var clients = new Dictionary<string, ClientRegistration>(StringComparer.Ordinal) { [settings.ClientId] = new(settings.ClientSecret) };
        var options = new WebApiOptions
        {
            Port = settings.Port,
            UseHttps = settings.Https,
            Authentication = new AuthenticationOptions { Required = settings.Auth, Clients = clients },
            ServiceProtection = new ServiceProtectionOptions { Enabled = settings.Protection },
            Log = line => Console.WriteLine(line),
        };
        await using var server = await EmulatorServer.StartAsync(organization, options).ConfigureAwait(false);
        Console.WriteLine($"Dataverse emulator: {server.ServiceRoot}");
        Console.WriteLine($"  solution: {organization.Solution.UniqueName ?? "(none)"}; tables: {organization.Catalog.Tables.Count()}; custom APIs: {organization.CustomApis.Definitions.Count}");
        Console.WriteLine($"  plugins: {(settings.Plugins is null ? "not registered" : settings.Plugins)}");
        Console.WriteLine($"  token endpoint: {server.TokenEndpoint} (client_id={settings.ClientId}, client_secret={settings.ClientSecret}, scope={server.Scope}){(settings.Auth ? string.Empty : "; tokens optional")}");
        if (server.Certificate is { } certificate)
            Console.WriteLine($"  https certificate thumbprint: {certificate.Thumbprint}");
        Console.WriteLine($"  console page: {new Uri(server.BaseAddress, "console")} (campaign activities with the solution's command bar)");
        Console.WriteLine($"  control: {new Uri(server.BaseAddress, "_emulator/")}; service protection {(settings.Protection ? "on" : "off")}. Ctrl+C stops.");
        // Continuations run off the signal handler's thread: the server's disposal must not run inside it.
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }

        // SIGINT (Ctrl+C), SIGTERM (systemd, docker stop, kill) and SIGQUIT all end with the same orderly disposal.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
        await stop.Task.ConfigureAwait(false);
        return 0;
    }

    private const string Usage =
        "usage: EmailConnector.Emulator.WebApi [--port N] [--solution DIR] [--plugins DLL] [--https] [--no-auth] [--protection] [--client-id ID] [--client-secret SECRET]";

    private sealed class Settings
    {
        public int Port { get; set; } = 5555;

        public string? Solution { get; set; }

        public string? Plugins { get; set; }

        public bool Https { get; set; }

        public bool Auth { get; set; } = true;

        public bool Protection { get; set; }

        public bool Help { get; set; }

        public string ClientId { get; set; } = AuthenticationOptions.DefaultClientId;

        public string ClientSecret { get; set; } = AuthenticationOptions.DefaultClientSecret;
    }

    private static Settings Parse(string[] args)
    {
        var settings = new Settings();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--port":
                    settings.Port = int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
                        ? port : throw new ArgumentException("--port needs a number from 0 to 65535.");
                    break;
                case "--solution": settings.Solution = Value(); break;
                case "--plugins": settings.Plugins = Value(); break;
                case "--https": settings.Https = true; break;
                case "--no-auth": settings.Auth = false; break;
                case "--protection": settings.Protection = true; break;
                case "--client-id": settings.ClientId = Value(); break;
                case "--client-secret": settings.ClientSecret = Value(); break;
                case "--help" or "-h": settings.Help = true; break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }
        settings.Solution ??= EmulatorSetup.DefaultSolutionFolder();
        settings.Plugins ??= EmulatorSetup.NewestPluginAssembly();
        if (settings.Solution is not null && !Directory.Exists(settings.Solution))
            throw new ArgumentException($"The solution folder '{settings.Solution}' does not exist.");
        if (settings.Plugins is not null && !File.Exists(settings.Plugins))
            throw new ArgumentException($"The plugin assembly '{settings.Plugins}' does not exist.");
        return settings;
    }

    private static EmulatedOrganization CreateOrganization(Settings settings) =>
        EmulatorSetup.CreateOrganization(settings.Solution, settings.Plugins);
}
