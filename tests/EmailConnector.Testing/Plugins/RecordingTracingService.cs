using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Testing.Plugins;

/// <summary>Keeps every trace line, formatted the way the platform formats them.</summary>
public sealed class RecordingTracingService : ITracingService
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines => _lines;

    public string Text => string.Join("\n", _lines);

    public void Trace(string format, params object[] args) =>
        _lines.Add(args is null || args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args));
}
