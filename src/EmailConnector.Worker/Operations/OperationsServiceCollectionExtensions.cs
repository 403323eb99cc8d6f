using EmailConnector.Worker.Operations.Reconciliation;
using EmailConnector.Worker.Queue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EmailConnector.Worker.Operations;

/// <summary>Registration of the recipient and list operations, lease renewal and the suppression reconciliation.</summary>
public static class OperationsServiceCollectionExtensions
{
    /// <summary>
    /// UpdateRecipient, ConsentChanged, ListMembershipChanged and Erase handlers, <see cref="LeaseRenewal"/>, and the
    /// validated <c>Reconciliation</c> options with the <see cref="SuppressionReconciler"/> and its hosted schedule.
    /// </summary>
    public static IServiceCollection AddEmailConnectorOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<LeaseRenewal>();
        services.TryAddSingleton<PlatformAccounts>();
        Handler<UpdateRecipientHandler>(services);
        Handler<ConsentChangedHandler>(services);
        Handler<ListMembershipChangedHandler>(services);
        Handler<EraseHandler>(services);
        services.AddOptions<ReconciliationOptions>().Bind(configuration.GetSection(ReconciliationOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<SuppressionReconciler>();
        services.TryAddSingleton<ReconciliationScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ReconciliationScheduler>());
        return services;
    }

    private static void Handler<T>(IServiceCollection services)
        where T : class, IOperationHandler
    {
        services.TryAddSingleton<T>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOperationHandler, T>(sp => sp.GetRequiredService<T>()));
    }
}
