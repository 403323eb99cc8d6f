namespace EmailConnector.Dataverse.Resilience;

/// <summary>
/// Options the client puts on every <see cref="HttpRequestMessage"/>, so message handlers (diagnostics, tests) can tell
/// the attempts of one call apart from other calls.
/// </summary>
public static class DataverseRequestOptions
{
    /// <summary>A number shared by all attempts of one call, unique within the process.</summary>
    public static readonly HttpRequestOptionsKey<long> CallNumber = new("EmailConnector.Dataverse.CallNumber");

    /// <summary>The attempt of the call, from 1.</summary>
    public static readonly HttpRequestOptionsKey<int> Attempt = new("EmailConnector.Dataverse.Attempt");
}
