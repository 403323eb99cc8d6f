namespace EmailConnector.Emulator.WebApi.Control;

/// <summary>One HTTP request the front served.</summary>
public sealed record HttpLogEntry(DateTimeOffset At, string Method, string Target, int Status, Guid? UserId, double Milliseconds);

/// <summary>The last requests served (bounded), for tests and the control endpoint.</summary>
public sealed class RequestLog
{
    public const int Capacity = 10000;

    private readonly Queue<HttpLogEntry> _entries = new();
    private readonly object _gate = new();

    public IReadOnlyList<HttpLogEntry> Entries
    {
        get
        {
            lock (_gate)
                return [.. _entries];
        }
    }

    public void Add(HttpLogEntry entry)
    {
        lock (_gate)
        {
            _entries.Enqueue(entry);
            while (_entries.Count > Capacity)
                _entries.Dequeue();
        }
    }

    public void Clear()
    {
        lock (_gate)
            _entries.Clear();
    }
}
