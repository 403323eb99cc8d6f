using System;
using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Infrastructure;

/// <summary>
/// The one error boundary of every EmailConnector step: it takes the platform services from the service provider,
/// traces start and end with the correlation id, lets <see cref="InvalidPluginExecutionException"/> through unchanged
/// and turns anything else into one with a readable message, keeping the detail in the trace log.
/// </summary>
public abstract class PluginBase : IPlugin
{
    // Dataverse caches plugin instances and calls Execute concurrently: everything per execution lives in StepContext.
    public void Execute(IServiceProvider serviceProvider)
    {
        if (serviceProvider is null)
            throw new InvalidPluginExecutionException(ErrorMessages.MissingService(typeof(IServiceProvider)));

        var tracing = GetService<ITracingService>(serviceProvider);
        var pluginContext = GetService<IPluginExecutionContext>(serviceProvider);
        var serviceFactory = GetService<IOrganizationServiceFactory>(serviceProvider);
        var step = new StepContext(GetType().Name, pluginContext, serviceFactory, tracing);

        step.TraceEvent("start", string.Format(CultureInfo.InvariantCulture,
            "correlation id {0}, {1} of {2} {3}, stage {4}, depth {5}",
            pluginContext.CorrelationId, pluginContext.MessageName, pluginContext.PrimaryEntityName, pluginContext.PrimaryEntityId,
            pluginContext.Stage, pluginContext.Depth));
        try
        {
            ExecuteStep(step);
        }
        catch (InvalidPluginExecutionException exception)
        {
            step.TraceEvent("stopped", exception.Message);
            throw;
        }
        catch (Exception exception)
        {
            step.TraceEvent("failed", exception.ToString());
            throw new InvalidPluginExecutionException(ErrorMessages.UnexpectedError(pluginContext.CorrelationId), exception);
        }
        finally
        {
            step.TraceEvent("end");
        }
    }

    /// <summary>The step's own work. Throw <see cref="InvalidPluginExecutionException"/> to stop the user's operation with a message.</summary>
    protected abstract void ExecuteStep(StepContext context);

    private static T GetService<T>(IServiceProvider serviceProvider)
        where T : class =>
        serviceProvider.GetService(typeof(T)) as T
        ?? throw new InvalidPluginExecutionException(ErrorMessages.MissingService(typeof(T)));
}
