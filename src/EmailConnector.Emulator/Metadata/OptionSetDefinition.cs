namespace EmailConnector.Emulator.Metadata;

/// <summary>A global choice (option set) with its values and labels.</summary>
public sealed record OptionSetDefinition(string Name, IReadOnlyDictionary<int, string> Options);
