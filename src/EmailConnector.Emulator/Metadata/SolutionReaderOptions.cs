namespace EmailConnector.Emulator.Metadata;

public sealed class SolutionReaderOptions
{
    /// <summary>
    /// Message names of sdkmessage ids that are not the same in every org (for example AddMember's). Defaults to the ids
    /// our own solution's steps use, so the emulator loads solution/EmailConnector without further setup.
    /// </summary>
    public IDictionary<Guid, string> MessageNamesById { get; init; } =
        new Dictionary<Guid, string>(SdkMessageIds.EmailConnectorSolution);
}
