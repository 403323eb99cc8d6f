using Polly;

namespace EmailConnector.Dataverse.Resilience;

/// <summary>Properties a call puts on its <see cref="ResilienceContext"/> for the pipeline's decisions.</summary>
public static class DataverseResilienceKeys
{
    /// <summary>Whether the call may be repeated after a transient failure (never a plain create).</summary>
    public static readonly ResiliencePropertyKey<bool> Idempotent = new("EmailConnector.Dataverse.Idempotent");

    /// <summary>The call's operation name for logs and metrics (no key values).</summary>
    public static readonly ResiliencePropertyKey<string> Operation = new("EmailConnector.Dataverse.Operation");

    /// <summary>The requests the service protection limits count for the call (a $batch: its operations).</summary>
    public static readonly ResiliencePropertyKey<int> Weight = new("EmailConnector.Dataverse.Weight");
}
