namespace EmailConnector.Emulator.Pipeline;

/// <summary>
/// A step as the solution declares it (SdkMessageProcessingSteps/*.xml): the message by name, the primary table, and
/// the plugin type by its assembly-qualified name. <see cref="PluginRegistry"/> turns it into a runnable step.
/// </summary>
public sealed record StepDefinition(
    Guid StepId,
    string Name,
    string MessageName,
    string? PrimaryEntity,
    PipelineStage Stage,
    StepMode Mode,
    int Rank,
    string PluginTypeName)
{
    public IReadOnlyList<string> FilteringAttributes { get; init; } = [];

    public IReadOnlyList<StepImage> Images { get; init; } = [];

    public string? UnsecureConfiguration { get; init; }

    public string? SecureConfiguration { get; init; }

    public Guid? PluginTypeId { get; init; }
}
