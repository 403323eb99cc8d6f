using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EmailConnector.Platforms.Smtp.Tracking;

/// <summary>For a web host of its own (the worker's tracking listener) whose container is not the one the platform is registered in.</summary>
public static class TrackingServices
{
    /// <summary>
    /// Shares the platform registered with <c>AddSmtpPlatform</c> in <paramref name="platformServices"/> (its options
    /// and its one runtime, so tracking writes to the same store with the same keys) with this container, ready for
    /// <c>MapSmtpPlatformTracking</c>. The instances stay owned by <paramref name="platformServices"/>.
    /// </summary>
    public static IServiceCollection AddSmtpPlatformTrackingFrom(this IServiceCollection services, IServiceProvider platformServices)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(platformServices);
        services.AddSingleton(platformServices.GetRequiredService<IOptions<SmtpPlatformOptions>>());
        services.AddSingleton(platformServices.GetRequiredService<SmtpPlatformRuntime>());
        return services;
    }
}
