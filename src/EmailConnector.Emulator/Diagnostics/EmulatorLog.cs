using EmailConnector.Emulator.Pipeline;

namespace EmailConnector.Emulator.Diagnostics;

/// <summary>The request, step and trace logs of an organization, safe to read while requests run.</summary>
public sealed class EmulatorLog
{
    private readonly object _gate = new();
    private readonly List<RequestLogEntry> _requests = [];
    private readonly List<StepExecution> _steps = [];
    private readonly List<TraceEntry> _traces = [];

    /// <param name="requestCapacity">How many of the latest requests the request log keeps.</param>
    public EmulatorLog(int requestCapacity = 10_000) => RequestCapacity = requestCapacity;

    public int RequestCapacity { get; }

    public IReadOnlyList<RequestLogEntry> Requests => Copy(_requests);

    public IReadOnlyList<StepExecution> Steps => Copy(_steps);

    public IReadOnlyList<TraceEntry> Traces => Copy(_traces);

    /// <summary>Executions of steps of one plugin type (by full name or short name).</summary>
    public IReadOnlyList<StepExecution> StepsOf(string pluginTypeName) =>
        Steps.Where(s => s.PluginTypeName == pluginTypeName || s.PluginTypeName.EndsWith("." + pluginTypeName, StringComparison.Ordinal)).ToList();

    public IReadOnlyList<StepExecution> StepsAt(PipelineStage stage) => Steps.Where(s => s.Stage == stage).ToList();

    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
            _steps.Clear();
            _traces.Clear();
        }
    }

    internal void Add(RequestLogEntry entry)
    {
        lock (_gate)
        {
            // Bulk loads through the service must not keep every request alive; tests look at the latest ones.
            if (_requests.Count >= RequestCapacity)
                _requests.RemoveRange(0, Math.Max(1, RequestCapacity / 10));
            _requests.Add(entry);
        }
    }

    internal void Add(StepExecution entry)
    {
        lock (_gate)
            _steps.Add(entry);
    }

    internal void Add(TraceEntry entry)
    {
        lock (_gate)
            _traces.Add(entry);
    }

    private List<T> Copy<T>(List<T> list)
    {
        lock (_gate)
            return [.. list];
    }
}
