namespace EmailConnector.Dataverse.Batch;

/// <summary>
/// The responses of a <c>$batch</c>, in order. Without continue-on-error Dataverse stops at the first failure, so
/// there may be fewer responses than requests; a failed change set is reported as one error response.
/// </summary>
public sealed class BatchResult
{
    internal BatchResult(IReadOnlyList<BatchResponse> responses, int requestCount)
    {
        Responses = responses;
        RequestCount = requestCount;
    }

    /// <summary>The responses in order.</summary>
    public IReadOnlyList<BatchResponse> Responses { get; }

    /// <summary>The number of requests sent.</summary>
    public int RequestCount { get; }

    /// <summary>True when every request ran and succeeded.</summary>
    public bool Succeeded => Responses.Count == RequestCount && Responses.All(r => r.IsSuccess);

    /// <summary>The failed responses.</summary>
    public IEnumerable<BatchResponse> Failures => Responses.Where(r => !r.IsSuccess);
}
