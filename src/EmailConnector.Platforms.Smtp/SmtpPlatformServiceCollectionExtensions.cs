using EmailConnector.Core.Platforms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmailConnector.Platforms.Smtp;

/// <summary>Registration of the built-in SMTP platform.</summary>
public static class SmtpPlatformServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SMTP platform as <see cref="IEmailPlatform"/> (and as <see cref="SmtpEmailPlatform"/>), its options
    /// bound from <see cref="SmtpPlatformOptions.SectionName"/> and validated at start, and the background service that
    /// starts scheduled mailings, retries deferrals and reads the bounce mailbox. <paramref name="configure"/> runs
    /// after binding. Map the tracking endpoints with <c>MapSmtpPlatformTracking</c>.
    /// </summary>
    public static IServiceCollection AddSmtpPlatform(this IServiceCollection services, Action<SmtpPlatformOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SmtpPlatformOptions>().BindConfiguration(SmtpPlatformOptions.SectionName);
        if (configure is not null)
            options.PostConfigure(configure);
        options.ValidateDataAnnotations().ValidateOnStart();
        AddRuntime(services);
        services.TryAddSingleton<IEmailPlatform>(sp => sp.GetRequiredService<SmtpEmailPlatform>());
        return services;
    }

    /// <summary>
    /// Registers the SMTP platform with its options bound from <paramref name="configSectionPath"/>, as
    /// <see cref="SmtpEmailPlatform"/> only (not as the container's <see cref="IEmailPlatform"/>), with its background
    /// service: for a host that hands the platform to some accounts only and validates the section itself. The platform
    /// exists once per container (its options, store, folders and tracking endpoints are not keyed), so do not combine
    /// this with <see cref="AddSmtpPlatform"/>.
    /// </summary>
    public static IServiceCollection AddSmtpPlatformFromSection(this IServiceCollection services, string configSectionPath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(configSectionPath);
        services.AddOptions<SmtpPlatformOptions>().BindConfiguration(configSectionPath);
        AddRuntime(services);
        return services;
    }

    private static void AddRuntime(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SmtpPlatformRuntime(
            sp.GetRequiredService<IOptions<SmtpPlatformOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton(sp => new SmtpEmailPlatform(sp.GetRequiredService<SmtpPlatformRuntime>()));
        services.AddHostedService(sp => new SmtpPlatformBackgroundService(
            sp.GetRequiredService<SmtpEmailPlatform>(), sp.GetRequiredService<SmtpPlatformRuntime>()));
    }
}
