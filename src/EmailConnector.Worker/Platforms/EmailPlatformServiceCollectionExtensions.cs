using EmailConnector.Platforms.Dotdigital;
using EmailConnector.Platforms.Smtp;
using EmailConnector.Worker.Local;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EmailConnector.Worker.Platforms;

public static class EmailPlatformServiceCollectionExtensions
{
    /// <summary>
    /// Registers the default adapter <c>Worker:Platform</c> names (default <see cref="EmailPlatformChoice.Smtp"/>;
    /// <see cref="EmailPlatformChoice.None"/> registers none), and the built-in SMTP platform when an entry of
    /// <c>Platforms:Accounts</c> takes it instead (Dotdigital entries get their adapters from
    /// <see cref="PerAccountEmailPlatformProvider"/>). An unknown value registers nothing: the validation of
    /// <see cref="WorkerOptions"/> then stops the start with one configuration line.
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

        // The built-in platform exists once per process: only when it is not the default, and only for the first
        // entry that asks for it (PlatformAccountsValidation rejects any other).
        var smtpEntry = configuration.GetSection(PlatformAccountsOptions.SectionName).GetChildren()
            .FirstOrDefault(entry => EmailPlatformChoice.Is(entry[nameof(PlatformAccountSettings.Platform)], EmailPlatformChoice.Smtp));
        if (smtpEntry is not null && !EmailPlatformChoice.Is(choice, EmailPlatformChoice.Smtp))
        {
            services.AddSmtpPlatformFromSection(smtpEntry.GetSection(nameof(PlatformAccountSettings.Smtp)).Path);
            services.AddEmailConnectorTracking(configuration);
        }

        return services;
    }
}
