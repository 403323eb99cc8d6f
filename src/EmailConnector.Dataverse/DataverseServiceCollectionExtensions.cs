using EmailConnector.Dataverse.Auth;
using EmailConnector.Dataverse.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace EmailConnector.Dataverse;

/// <summary>Registers the Dataverse client.</summary>
public static class DataverseServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="DataverseClient"/> with its options (section <c>Dataverse</c>, validated at start), the MSAL
    /// token source (or, with <see cref="AuthorityKind.TokenEndpoint"/>, the plain OAuth 2.0 one; replaceable: register
    /// another <see cref="ITokenSource"/> first), the
    /// <see cref="ResiliencePipelineNames.Dataverse"/> pipeline, the request budget and the metrics.
    /// </summary>
    public static IServiceCollection AddDataverseClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<DataverseOptions>()
            .Bind(configuration.GetSection(DataverseOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<DataverseMetrics>();
        services.TryAddSingleton<MsalTokenSource>();
        services.TryAddSingleton<ClientCredentialsTokenSource>();
        services.TryAddSingleton<ITokenSource>(sp =>
            sp.GetRequiredService<IOptions<DataverseOptions>>().Value.AuthorityKind == AuthorityKind.TokenEndpoint
                ? sp.GetRequiredService<ClientCredentialsTokenSource>()
                : sp.GetRequiredService<MsalTokenSource>());
        services.AddHttpClient(ClientCredentialsTokenSource.HttpClientName, (sp, http) =>
            http.Timeout = sp.GetRequiredService<IOptions<DataverseOptions>>().Value.RequestTimeout);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DataverseOptions>>().Value;
            return new RequestBudget(options.MaxConcurrency, options.RequestsPerWindow, options.Window,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<DataverseMetrics>());
        });

        services.AddResiliencePipeline<string, HttpResponseMessage>(ResiliencePipelineNames.Dataverse, (builder, context) =>
        {
            var sp = context.ServiceProvider;
            DataversePipeline.Configure(
                builder,
                sp.GetRequiredService<IOptions<DataverseOptions>>().Value,
                sp.GetRequiredService<RequestBudget>(),
                sp.GetRequiredService<DataverseMetrics>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DataversePipeline)));
        });

        services.TryAddTransient<BearerTokenHandler>();
        services.AddHttpClient<DataverseClient>((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<DataverseOptions>>().Value;
                http.BaseAddress = options.ServiceRoot;
                http.Timeout = options.RequestTimeout;
                http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
                http.DefaultRequestHeaders.Add("OData-MaxVersion", "4.0");
                http.DefaultRequestHeaders.Add("OData-Version", "4.0");
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // Without the affinity cookie requests spread over Dataverse's web servers (Microsoft's advice).
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                MaxConnectionsPerServer = sp.GetRequiredService<IOptions<DataverseOptions>>().Value.MaxConcurrency,
                AutomaticDecompression = System.Net.DecompressionMethods.All,
            })
            .AddHttpMessageHandler<BearerTokenHandler>();

        return services;
    }
}
