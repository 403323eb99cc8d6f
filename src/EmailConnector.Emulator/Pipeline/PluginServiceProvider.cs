using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Pipeline;

/// <summary>What IPlugin.Execute gets: the context, tracing, a service factory bound to this step, and endpoint posts.</summary>
internal sealed class PluginServiceProvider(ExecutionEngine engine, PluginExecutionContext context, string stepName) : IServiceProvider, IOrganizationServiceFactory
{
    private readonly TracingService _tracing = new(engine.Log, stepName, context.Depth);

    public object? GetService(Type serviceType)
    {
        if (serviceType == typeof(IPluginExecutionContext) || serviceType == typeof(IExecutionContext))
            return context;
        if (serviceType == typeof(ITracingService))
            return _tracing;
        if (serviceType == typeof(IOrganizationServiceFactory))
            return this;
        if (serviceType == typeof(IServiceEndpointNotificationService))
            return engine.Notifications;
        return null;
    }

    // null runs as SYSTEM, Guid.Empty as the context's user, any other id as that user (dataverse.md §1.1).
    public IOrganizationService CreateOrganizationService(Guid? userId)
    {
        var user = userId switch
        {
            null => engine.Options.SystemUserId,
            { } id when id == Guid.Empty => context.UserId,
            { } id => id,
        };
        return new OrganizationService(engine, new ServiceScope(user, context.InitiatingUserId, context.Depth + 1, context, context.CorrelationId));
    }
}
