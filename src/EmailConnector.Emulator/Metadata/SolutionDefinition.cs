using EmailConnector.Emulator.CustomApis;
using EmailConnector.Emulator.Pipeline;

namespace EmailConnector.Emulator.Metadata;

/// <summary>What an unpacked solution folder declares beyond tables: plugin types, steps and custom APIs.</summary>
public sealed class SolutionDefinition
{
    public static SolutionDefinition Empty { get; } = new();

    public string? UniqueName { get; init; }

    public string? Version { get; init; }

    public IReadOnlyList<PluginTypeDefinition> PluginTypes { get; init; } = [];

    public IReadOnlyList<StepDefinition> Steps { get; init; } = [];

    public IReadOnlyList<CustomApiDefinition> CustomApis { get; init; } = [];

    /// <summary>Columns the reader could not map (for example a lookup to a table outside the catalog), with the reason.</summary>
    public IReadOnlyList<string> SkippedComponents { get; init; } = [];
}
