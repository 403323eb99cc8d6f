namespace EmailConnector.Worker.Operations;

/// <summary>A request that cannot succeed by retrying (its record is unusable, nothing is configured for it): park it.</summary>
public sealed class PermanentRequestException(string message, Exception? innerException = null) : Exception(message, innerException);
