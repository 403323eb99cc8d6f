using EmailConnector.Platforms.Dotdigital;
using EmailConnector.Platforms.Smtp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EmailConnector.Worker.Platforms;

public static class EmailPlatformServiceCollectionExtensions
{
    /// <summary>
    /// Registers the adapter <c>Worker:Platform</c> names (default <see cref="EmailPlatformChoice.Smtp"/>). An unknown
    /// value registers nothing: the validation of <see cref="WorkerOptions"/> then stops the start with one
    /// configuration line.
    /// </summary>
    public static IServiceCollection AddEmailConnectorPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        // Read before the options exist: the choice decides which services are registered at all.
        var choice = configuration.GetSection(WorkerOptions.SectionName)[nameof(WorkerOptions.Platform)] ?? WorkerDefaults.Platform;
        if (EmailPlatformChoice.Is(choice, EmailPlatformChoice.Smtp))
            services.AddSmtpPlatform();
        else if (EmailPlatformChoice.Is(choice, EmailPlatformChoice.Dotdigital))
            services.AddDotdigitalPlatform(configuration);
        return services;
    }
}
