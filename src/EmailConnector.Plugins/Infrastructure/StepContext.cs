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

    /// <summary>Writes <c>&lt;StepName&gt; [+Nms] text</c>. Callers pass ids and column names only, never column values.</summary>
    public void Trace(string text) => Write(StepName + " " + Elapsed() + " " + text);

    /// <summary>Writes <c>&lt;StepName&gt; &lt;event&gt; [+Nms]</c> followed by optional detail, for start, end and failure.</summary>
    internal void TraceEvent(string name, string? detail = null) =>
        Write(StepName + " " + name + " " + Elapsed() + (string.IsNullOrEmpty(detail) ? string.Empty : " " + detail));

    private string Elapsed() => "[+" + _elapsed.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms]";

    // The text goes in as an argument, never as the format, so braces in messages cannot break ITracingService.Trace.
    private void Write(string line) => _tracing.Trace("{0}", line);
}
