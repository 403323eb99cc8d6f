namespace EmailConnector.Emulator.Metadata;

/// <summary>An alternate key: a unique, ordered list of columns.</summary>
public sealed record AlternateKeyDefinition(string LogicalName, IReadOnlyList<string> Columns);
