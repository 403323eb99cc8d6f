using System;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Infrastructure;

/// <summary>
/// What one execution of a step works with: the platform's context and service factory, and a trace that prefixes every
/// line with the step name and the milliseconds since the step started.
/// </summary>
public sealed class StepContext
{
    private readonly ITracingService _tracing;
    private readonly Stopwatch _elapsed;
    private IOrganizationService? _systemService;

    public StepContext(string stepName, IPluginExecutionContext pluginContext, IOrganizationServiceFactory serviceFactory, ITracingService tracing)
    {
        StepName = stepName ?? throw new ArgumentNullException(nameof(stepName));
        PluginContext = pluginContext ?? throw new ArgumentNullException(nameof(pluginContext));
        ServiceFactory = serviceFactory ?? throw new ArgumentNullException(nameof(serviceFactory));
        _tracing = tracing ?? throw new ArgumentNullException(nameof(tracing));
        _elapsed = Stopwatch.StartNew();
    }

    public string StepName { get; }

    public IPluginExecutionContext PluginContext { get; }

    public IOrganizationServiceFactory ServiceFactory { get; }

    /// <summary>
    /// The organization service as SYSTEM (<c>CreateOrganizationService(null)</c>): queue rows and look-ups must not
    /// depend on the user's privileges, and it takes part in the user's transaction like any plugin service.
    /// </summary>
    public IOrganizationService SystemService => _systemService ??= ServiceFactory.CreateOrganizationService(null);

    public Guid CorrelationId => PluginContext.CorrelationId;

    /// <summary>The record of a Create or Update (InputParameters["Target"] as an Entity).</summary>
    public Entity TargetEntity =>
        PluginContext.InputParameters.TryGetValue("Target", out var value) && value is Entity entity
            ? entity
            : throw new InvalidPluginExecutionException(ErrorMessages.MissingTarget(StepName));

    /// <summary>The record of a Delete or a bound custom API (InputParameters["Target"] as an EntityReference).</summary>
    public EntityReference TargetReference =>
        PluginContext.InputParameters.TryGetValue("Target", out var value) && value is EntityReference reference
            ? reference
            : throw new InvalidPluginExecutionException(ErrorMessages.MissingTarget(StepName));

    /// <summary>The pre-image registered under <paramref name="alias"/>; a registration without it is a setup error.</summary>
    public Entity PreImage(string alias) =>
        PluginContext.PreEntityImages.TryGetValue(alias, out var image) && image is not null
            ? image
            : throw new InvalidPluginExecutionException(ErrorMessages.MissingImage(StepName, alias));

    /// <summary>An input parameter of the expected type, or a readable failure naming the parameter.</summary>
    public T Input<T>(string name)
    {
        if (PluginContext.InputParameters.TryGetValue(name, out var value) && value is T typed)
            return typed;
        throw new InvalidPluginExecutionException(ErrorMessages.MissingParameter(StepName, name));
    }

    /// <summary>An optional input parameter: <paramref name="fallback"/> when absent or null.</summary>
    public T OptionalInput<T>(string name, T fallback) =>
        PluginContext.InputParameters.TryGetValue(name, out var value) && value is T typed ? typed : fallback;

    /// <summary>
    /// The caller's <c>tag</c> request parameter, found in the shared variables of this context or of a parent: a
    /// PreValidation step and the single operations of a <c>*Multiple</c> message see it only through their parents.
    /// </summary>
    public string? Tag
    {
        get
        {
            for (IExecutionContext? context = PluginContext; context is not null; context = (context as IPluginExecutionContext)?.ParentContext)
            {
                if (context.SharedVariables.TryGetValue("tag", out var value) && value is string tag)
                    return tag;
            }

            return null;
        }
    }

    /// <summary>Writes <c>&lt;StepName&gt; [+Nms] text</c>. Callers pass ids and column names only, never column values.</summary>
    public void Trace(string text) => Write(StepName + " " + Elapsed() + " " + text);

    /// <summary>Writes <c>&lt;StepName&gt; &lt;event&gt; [+Nms]</c> followed by optional detail, for start, end and failure.</summary>
    internal void TraceEvent(string name, string? detail = null) =>
        Write(StepName + " " + name + " " + Elapsed() + (string.IsNullOrEmpty(detail) ? string.Empty : " " + detail));

    private string Elapsed() => "[+" + _elapsed.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms]";

    // The text goes in as an argument, never as the format, so braces in messages cannot break ITracingService.Trace.
    private void Write(string line) => _tracing.Trace("{0}", line);
}
