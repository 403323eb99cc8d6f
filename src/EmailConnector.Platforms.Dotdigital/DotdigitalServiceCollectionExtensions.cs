using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Dotdigital.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace EmailConnector.Platforms.Dotdigital;

public static class DotdigitalServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Dotdigital adapter as the <see cref="IEmailPlatform"/>: options from
    /// <see cref="DotdigitalOptions.SectionName"/> (validated at start), a typed HttpClient with a resilience pipeline
    /// (throttling waits for every call, transient retries for idempotent calls only, a per-attempt timeout) and no
    /// request logging (URLs can hold addresses).
    /// </summary>
    public static IServiceCollection AddDotdigitalPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<DotdigitalOptions>()
            .Bind(configuration.GetSection(DotdigitalOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(DotdigitalOptions.HasAbsoluteEndpoints, DotdigitalOptions.AbsoluteEndpointsMessage)
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDotdigitalDelay>(sp => new TimeProviderDelay(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<DotdigitalCallStatistics>();
        services.AddTransient<RateLimitHandler>();

        var client = services.AddHttpClient<DotdigitalApi>(c => c.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        client.AddResilienceHandler("dotdigital", ConfigurePipeline);
        client.AddHttpMessageHandler<RateLimitHandler>(); // inside the pipeline: runs once per attempt

        services.TryAddSingleton(sp => new DotdigitalPlatform(
            sp.GetRequiredService<DotdigitalApi>(), sp.GetRequiredService<IOptions<DotdigitalOptions>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IDotdigitalDelay>(), sp.GetRequiredService<ILogger<DotdigitalPlatform>>()));
        services.TryAddSingleton<IEmailPlatform>(sp => sp.GetRequiredService<DotdigitalPlatform>());
        return services;
    }

    private static void ConfigurePipeline(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var services = context.ServiceProvider;
        DotdigitalPipeline.Configure(
            builder,
            services.GetRequiredService<IOptions<DotdigitalOptions>>().Value,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<IDotdigitalDelay>(),
            services.GetRequiredService<DotdigitalCallStatistics>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger(DotdigitalPipeline.LoggerCategory));
    }
}
