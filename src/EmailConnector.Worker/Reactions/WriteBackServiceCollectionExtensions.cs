using EmailConnector.Worker.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EmailConnector.Worker.Reactions;

/// <summary>Registration of the write-back's writers and the SyncNow and RequestReport handlers.</summary>
public static class WriteBackServiceCollectionExtensions
{
    public static IServiceCollection AddEmailConnectorWriteBack(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<EmailActivityWriter>();
        services.TryAddSingleton<LeadWriter>();
        services.TryAddSingleton<SyncNowHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOperationHandler, SyncNowHandler>(sp => sp.GetRequiredService<SyncNowHandler>()));
        services.TryAddSingleton<RequestReportHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOperationHandler, RequestReportHandler>(sp => sp.GetRequiredService<RequestReportHandler>()));
        return services;
    }
}
