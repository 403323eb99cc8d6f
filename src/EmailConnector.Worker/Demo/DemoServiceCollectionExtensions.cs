using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EmailConnector.Worker.Demo;

/// <summary>Registration of the first-run demo.</summary>
public static class DemoServiceCollectionExtensions
{
    /// <summary>The demo's options and the hosted <see cref="DemoRunner"/> (registered after local mode's emulator).</summary>
    public static IServiceCollection AddEmailConnectorDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<DemoRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<DemoRunner>());
        return services;
    }
}
