namespace EmailConnector.Emulator.Metadata;

/// <summary>One statecode value with its default statuscode and the statuscode values valid in it.</summary>
public sealed record StateDefinition(int State, string Label, int DefaultStatus, IReadOnlyList<int> Statuses);
