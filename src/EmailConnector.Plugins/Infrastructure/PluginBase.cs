using System;
using System.Globalization;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Infrastructure;

/// <summary>
/// The one error boundary of every EmailConnector step: it takes the platform services from the service provider,
/// checks the step runs where its <see cref="PluginStepAttribute"/> (or <see cref="CustomApiHandlerAttribute"/>) says,
/// guards against running again for the same record further down its own chain, traces start and end with the
/// correlation id, lets <see cref="InvalidPluginExecutionException"/> through unchanged and turns anything else into one
/// with a readable message, keeping the detail in the trace log.
/// </summary>
public abstract class PluginBase : IPlugin
{
    private const string RunningKeyPrefix = "EmailConnector.Running:";

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
            CheckRegistration(step);
            if (AlreadyRunningUpTheChain(pluginContext))
            {
                step.Trace("skipped: this step is already running for " + pluginContext.PrimaryEntityId + " in a calling operation");
                return;
            }
            pluginContext.SharedVariables[RunningKey(pluginContext)] = true;
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

    private void CheckRegistration(StepContext step)
    {
        var context = step.PluginContext;
        var steps = (PluginStepAttribute[])GetType().GetCustomAttributes(typeof(PluginStepAttribute), false);
        var apis = (CustomApiHandlerAttribute[])GetType().GetCustomAttributes(typeof(CustomApiHandlerAttribute), false);
        if (steps.Any(s => s.Message == context.MessageName && s.Table == context.PrimaryEntityName && (int)s.Stage == context.Stage)
            || apis.Any(a => a.UniqueName == context.MessageName && context.Stage == (int)StepStage.MainOperation))
        {
            return;
        }

        var expectedMessage = steps.Length > 0 ? steps[0].Message : apis.Length > 0 ? apis[0].UniqueName : "(nothing)";
        var expectedTable = steps.Length > 0 ? steps[0].Table : "its bound table";
        var expectedStage = steps.Length > 0 ? (int)steps[0].Stage : (int)StepStage.MainOperation;
        throw new InvalidPluginExecutionException(ErrorMessages.WrongRegistration(step.StepName, context.MessageName,
            context.PrimaryEntityName, context.Stage, expectedMessage, expectedTable, expectedStage));
    }

    // The platform's own loop detection only stops at depth 8; a step that indirectly updates its own record (a queue
    // write that fires another step, a later customization) must not enqueue again for the same change.
    private bool AlreadyRunningUpTheChain(IPluginExecutionContext context)
    {
        var key = RunningKey(context);
        for (var parent = context.ParentContext; parent is not null; parent = parent.ParentContext)
        {
            if (parent.SharedVariables is not null && parent.SharedVariables.ContainsKey(key))
                return true;
        }
        return false;
    }

    private string RunningKey(IPluginExecutionContext context) =>
        RunningKeyPrefix + GetType().FullName + ":" + context.PrimaryEntityId.ToString("D");

    private static T GetService<T>(IServiceProvider serviceProvider)
        where T : class =>
        serviceProvider.GetService(typeof(T)) as T
        ?? throw new InvalidPluginExecutionException(ErrorMessages.MissingService(typeof(T)));
}
