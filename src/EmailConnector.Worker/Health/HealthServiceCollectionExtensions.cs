using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace EmailConnector.Worker.Health;

/// <summary>Registration of the worker's metrics, queue snapshot and health endpoint.</summary>
public static class HealthServiceCollectionExtensions
{
    /// <summary>Options, the meter, the in-memory status and the queue monitor (without their hosted loops).</summary>
    public static IServiceCollection AddEmailConnectorMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton<WorkerStatus>();
        services.TryAddSingleton<QueueMonitor>();
        services.TryAddSingleton<WorkerMetrics>();
        services.TryAddSingleton<HealthEndpoint>();
        return services;
    }

    /// <summary>The hosted queue snapshot loop and the health endpoint.</summary>
    public static IServiceCollection AddEmailConnectorHealthEndpoint(this IServiceCollection services)
    {
        services.AddHostedService(sp => sp.GetRequiredService<QueueMonitor>());
        services.AddHostedService(sp => sp.GetRequiredService<HealthEndpoint>());
        return services;
    }
}
