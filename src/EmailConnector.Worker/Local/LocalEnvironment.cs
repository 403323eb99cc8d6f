using System.Net;
using System.Net.Sockets;
using EmailConnector.Emulator.WebApi.Hosting;

namespace EmailConnector.Worker.Local;

/// <summary>
/// What local mode decided before the host was built: the options, the emulator's port and base address, the
/// solution and plugin assembly it loads, and the tracking listener's URL (also the platform's public base URL).
/// </summary>
public sealed class LocalEnvironment
{
    internal LocalEnvironment(LocalOptions options, int emulatorPort, string trackingUrl, bool demo)
    {
        Options = options;
        EmulatorPort = emulatorPort;
        TrackingUrl = trackingUrl;
        Demo = demo;
        var root = EmulatorSetup.RepositoryRoot();
        SolutionFolder = options.SolutionFolder ?? EmulatorSetup.DefaultSolutionFolder(root);
        PluginAssembly = options.PluginAssembly ?? EmulatorSetup.NewestPluginAssembly(root);
    }

    public LocalOptions Options { get; }

    public int EmulatorPort { get; }

    /// <summary>"http://127.0.0.1:&lt;port&gt;/": the emulator's organization URL.</summary>
    public Uri EmulatorBaseAddress => new($"http://127.0.0.1:{EmulatorPort}/");

    public Uri TokenEndpoint => new(EmulatorBaseAddress, new AuthenticationOptions().TenantId + "/oauth2/v2.0/token");

    public string TrackingUrl { get; }

    public bool Demo { get; }

    public string? SolutionFolder { get; }

    public string? PluginAssembly { get; }

    /// <summary>
    /// A loopback port free right now. The URL must be in configuration before the host is built, so port 0 cannot be
    /// left to the listener; the short window between this and the bind is a local-mode trade-off.
    /// </summary>
    internal static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
