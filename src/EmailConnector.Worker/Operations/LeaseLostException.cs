namespace EmailConnector.Worker.Operations;

/// <summary>Another worker took the request over: this one must stop writing.</summary>
public sealed class LeaseLostException(string message) : Exception(message);
