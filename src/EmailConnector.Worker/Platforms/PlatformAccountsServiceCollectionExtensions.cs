using EmailConnector.Worker.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EmailConnector.Worker.Platforms;

public static class PlatformAccountsServiceCollectionExtensions
{
    /// <summary>
    /// <c>Platforms:Accounts</c> (validated at start) and the <see cref="IEmailPlatformProvider"/> that hands every
    /// account its own platform or the default one. The built-in SMTP platform of an entry is registered by
    /// <see cref="EmailPlatformServiceCollectionExtensions.AddEmailConnectorPlatform"/>.
    /// </summary>
    public static IServiceCollection AddEmailConnectorPlatformAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var defaultPlatform = configuration.GetSection(WorkerOptions.SectionName)[nameof(WorkerOptions.Platform)];
        services.AddOptions<PlatformAccountsOptions>().Bind(configuration.GetSection(PlatformAccountsOptions.ParentSectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlatformAccountsOptions>>(new PlatformAccountsValidation(defaultPlatform)));
        services.TryAddSingleton<IEmailPlatformProvider, PerAccountEmailPlatformProvider>();
        return services;
    }
}
