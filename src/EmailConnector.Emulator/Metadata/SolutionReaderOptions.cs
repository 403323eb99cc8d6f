namespace EmailConnector.Emulator.Metadata;

public sealed class SolutionReaderOptions
{
    /// <summary>Message names of org-specific sdkmessage ids used by steps (for example AddMember's id in the target org).</summary>
    public IDictionary<Guid, string> MessageNamesById { get; init; } = new Dictionary<Guid, string>();
}
