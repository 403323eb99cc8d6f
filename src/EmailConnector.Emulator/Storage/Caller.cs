namespace EmailConnector.Emulator.Storage;

/// <summary>The user a write runs as, and that user's business unit.</summary>
public sealed record Caller(Guid UserId, Guid BusinessUnitId);
