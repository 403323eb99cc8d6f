using EmailConnector.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EmailConnector.Worker.Tests.Support;

/// <summary>
/// The worker as <c>Program</c> builds it, without any Dataverse setting (local mode), in a data folder of its own,
/// every listener on a free loopback port, and nothing read from the environment.
/// </summary>
internal sealed class LocalWorker : IAsyncDisposable
{
    private LocalWorker(IHost host) => Host = host;

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    /// <summary>The host, built and validated like Program does, not started.</summary>
    public static IHost Build(string dataFolder, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        var configuration = new Dictionary<string, string?>
        {
            ["Local:DataFolder"] = dataFolder,
            ["Local:EmulatorPort"] = "0",
            ["Local:PluginAssembly"] = PluginBuildOutput.AssemblyPath(typeof(LocalWorker).Assembly),
            ["Tracking:Url"] = "http://127.0.0.1:0",
            ["Health:Url"] = "http://127.0.0.1:0",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);
        configure?.Invoke(builder.Services);
        builder.AddEmailConnectorWorker();
        var host = builder.Build();
        host.ValidateEmailConnectorOptions();
        return host;
    }

    public static async Task<LocalWorker> StartAsync(string dataFolder, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var host = Build(dataFolder, settings, configure);
        await host.StartAsync();
        return new LocalWorker(host);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
