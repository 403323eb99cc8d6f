using EmailConnector.Worker.Operations;
using EmailConnector.Worker.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EmailConnector.Worker.Reactions;

/// <summary>Registration of the write-back's writers, the SyncNow and RequestReport handlers and the <c>Reports</c> options.</summary>
public static class WriteBackServiceCollectionExtensions
{
    public static IServiceCollection AddEmailConnectorWriteBack(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ReportOptions>().Bind(configuration.GetSection(ReportOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<BulkCreates>();
        services.TryAddSingleton<EmailActivityWriter>();
        services.TryAddSingleton<LeadWriter>();
        services.TryAddSingleton<SyncNowHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOperationHandler, SyncNowHandler>(sp => sp.GetRequiredService<SyncNowHandler>()));
        services.TryAddSingleton<RequestReportHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOperationHandler, RequestReportHandler>(sp => sp.GetRequiredService<RequestReportHandler>()));
        return services;
    }
}
