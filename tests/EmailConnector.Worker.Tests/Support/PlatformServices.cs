using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EmailConnector.Worker.Tests.Support;

/// <summary>
/// A container with the worker's own options and one platform registration over in-memory settings: the other
/// sections are validated by their own tests.
/// </summary>
internal static class PlatformServices
{
    public static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection, IConfiguration> register)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection(WorkerOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        register(services, configuration);
        return services.BuildServiceProvider();
    }
}
