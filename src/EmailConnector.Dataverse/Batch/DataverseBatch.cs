using EmailConnector.Dataverse.Http;

namespace EmailConnector.Dataverse.Batch;

/// <summary>
/// A <c>$batch</c>: requests run one after the other, and change sets whose requests commit or roll back together.
/// At most 1,000 requests in all (change-set members included), no GET inside a change set, no nesting.
/// </summary>
public sealed class DataverseBatch
{
    /// <summary>The Web API limit of requests per batch.</summary>
    public const int MaxRequests = 1000;

    private readonly List<BatchItem> _items = [];

    /// <summary>The items in order: single requests and change sets.</summary>
    public IReadOnlyList<BatchItem> Items => _items;

    /// <summary>The number of requests, change-set members included.</summary>
    public int RequestCount { get; private set; }

    /// <summary>True when every request may be repeated safely, so the whole batch may be retried.</summary>
    public bool IsIdempotent => _items.SelectMany(i => i.Requests).All(r => r.IsIdempotent);

    /// <summary>Adds a request that runs on its own.</summary>
    public DataverseBatch Add(DataverseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Reserve(1);
        _items.Add(new BatchItem([request], isChangeSet: false));
        return this;
    }

    /// <summary>Adds an atomic change set. Its requests get Content-IDs 1…n, so later ones can refer to <c>$1</c>.</summary>
    public DataverseBatch AddChangeSet(params DataverseRequest[] requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Length == 0)
        {
            throw new ArgumentException("A change set needs at least one request.", nameof(requests));
        }

        if (requests.FirstOrDefault(r => r.Method == HttpMethod.Get) is { } get)
        {
            throw new NotSupportedException($"A change set may not contain a GET ({get.Operation}); add it to the batch outside the change set.");
        }

        Reserve(requests.Length);
        _items.Add(new BatchItem(requests, isChangeSet: true));
        return this;
    }

    private void Reserve(int count)
    {
        if (RequestCount + count > MaxRequests)
        {
            throw new InvalidOperationException($"A $batch holds at most {MaxRequests} requests.");
        }

        RequestCount += count;
    }
}

/// <summary>One item of a batch: a single request or a change set.</summary>
public sealed class BatchItem
{
    internal BatchItem(IReadOnlyList<DataverseRequest> requests, bool isChangeSet)
    {
        Requests = requests;
        IsChangeSet = isChangeSet;
    }

    /// <summary>The requests (one unless a change set).</summary>
    public IReadOnlyList<DataverseRequest> Requests { get; }

    /// <summary>Whether the requests form an atomic change set.</summary>
    public bool IsChangeSet { get; }
}
