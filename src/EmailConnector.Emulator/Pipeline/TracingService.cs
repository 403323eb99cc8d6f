using System.Globalization;
using EmailConnector.Emulator.Diagnostics;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Pipeline;

internal sealed class TracingService(EmulatorLog log, string stepName, int depth) : ITracingService
{
    public void Trace(string format, params object[] args) =>
        log.Add(new TraceEntry(stepName, depth, args is { Length: > 0 } ? string.Format(CultureInfo.InvariantCulture, format, args) : format));
}
