namespace EmailConnector.Dataverse.Resilience;

/// <summary>Why the pipeline repeats a call, or not.</summary>
public enum RetryReason
{
    /// <summary>Do not retry: success, a permanent error, a non-idempotent call, or the caller cancelled.</summary>
    None,

    /// <summary>HTTP 429 from the service protection limits: always retried after <c>Retry-After</c>.</summary>
    Throttled,

    /// <summary>A transient failure (5xx, 408, timeout, connection failure) of an idempotent call.</summary>
    Transient,
}
