using EmailConnector.Dataverse;
using EmailConnector.Worker.Health;
using EmailConnector.Worker.Local;
using EmailConnector.Worker.Operations;
using EmailConnector.Worker.Operations.Transfer;
using EmailConnector.Worker.Platforms;
using EmailConnector.Worker.Queue;
using EmailConnector.Worker.Reactions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Serilog;

namespace EmailConnector.Worker;

/// <summary>The worker's composition root: everything <c>Program</c> registers.</summary>
public static class HostApplicationBuilderExtensions
{
    /// <summary>Serilog, the validated options, the Dataverse client, the chosen email platform and the queue worker with its handlers.</summary>
    public static IHostApplicationBuilder AddEmailConnectorWorker(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddEmailConnectorLocalMode();
        builder.Services.AddSerilog((services, logging) =>
            WorkerLogging.Configure(logging, builder.Configuration, builder.Configuration.GetSection(WorkerOptions.SectionName).Get<WorkerOptions>() ?? new WorkerOptions()));
        builder.Services.AddEmailConnectorQueue(builder.Configuration);
        builder.Services.AddEmailConnectorPlatform(builder.Configuration);
        builder.Services.AddHostedService<QueueWorker>();
        builder.Services.AddEmailConnectorHealthEndpoint();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Reactions.ReactionScheduler>());
        return builder;
    }

    /// <summary>
    /// Runs every options validation registered with ValidateOnStart now, so a bad configuration surfaces as one
    /// exception before the host starts (and before the host logs its own start failure).
    /// </summary>
    public static IHost ValidateEmailConnectorOptions(this IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        host.Services.GetService<IStartupValidator>()?.Validate();
        return host;
    }

    /// <summary>
    /// The queue machinery without the hosted loop (tests drive <see cref="QueueProcessor"/> directly): options,
    /// Dataverse client, store, retry policy, dispatcher and the operation handlers.
    /// </summary>
    public static IServiceCollection AddEmailConnectorQueue(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection(WorkerOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<QueueOptions>().Bind(configuration.GetSection(QueueOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddDataverseClient(configuration);
        services.AddEmailConnectorMetrics(configuration);
        services.TryAddSingleton(sp => WorkerIdentity.From(sp.GetRequiredService<IOptions<WorkerOptions>>().Value));
        services.TryAddSingleton<SyncRequestStore>();
        services.TryAddSingleton<RetryPolicy>();
        services.AddEmailConnectorPlatformAccounts(configuration);
        services.TryAddSingleton<EnsureListHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOperationHandler, EnsureListHandler>(sp => sp.GetRequiredService<EnsureListHandler>()));
        services.TryAddSingleton<TransferRecipientsHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOperationHandler, TransferRecipientsHandler>(sp => sp.GetRequiredService<TransferRecipientsHandler>()));
        services.AddEmailConnectorOperations(configuration);
        services.TryAddSingleton<OperationDispatcher>();
        services.TryAddSingleton<Reactions.SyncStateStore>();
        services.TryAddSingleton<Reactions.ReactionWriteBack>();
        services.TryAddSingleton<Reactions.ReactionPull>();
        services.TryAddSingleton<Reactions.KeyFiguresWriter>();
        services.AddOptions<Reactions.ReactionOptions>().Bind(configuration.GetSection(Reactions.ReactionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<Reactions.ReactionScheduler>();
        services.TryAddSingleton<QueueProcessor>();
        services.AddEmailConnectorWriteBack(configuration);
        return services;
    }
}
