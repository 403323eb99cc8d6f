using System.Collections.Concurrent;
using System.Globalization;
using EmailConnector.Core;
using EmailConnector.Platforms.Dotdigital.Api;

namespace EmailConnector.Platforms.Dotdigital.Contacts;

/// <summary>
/// Who left each address book. A v3 import does not say that it left a list-level unsubscriber off the list, so the
/// importer asks first and keeps those records out of the import. Read incrementally through
/// <c>GET /v2/address-books/{id}/contacts/unsubscribed-since/{date}</c>, with an overlap for clock skew.
/// </summary>
internal sealed class ListUnsubscribes(DotdigitalContext context, ContactDirectory directory)
{
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<int, ListState> _lists = new();

    public async Task<IReadOnlySet<RecordReference>> OfListAsync(int listId, string operation, CancellationToken cancellationToken)
    {
        var state = _lists.GetOrAdd(listId, _ => new ListState());
        await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = context.Time.GetUtcNow();
            var since = state.CheckedAt is { } checkedAt ? checkedAt - Overlap : DotdigitalContext.Origin;
            for (var skip = 0; ; skip += 1000)
            {
                var page = await context.Api.GetAsync<List<ApiContactSuppression>>(
                    $"v2/address-books/{listId}/contacts/unsubscribed-since/{DotdigitalJson.PathDate(since)}?select=1000&skip={skip.ToString(CultureInfo.InvariantCulture)}",
                    "GET v2/address-books/{id}/contacts/unsubscribed-since", operation, cancellationToken).ConfigureAwait(false);
                foreach (var row in page)
                {
                    if (directory.RecordOf(row.SuppressedContact) is { } record)
                        state.Records.Add(record);
                }
                if (page.Count < 1000)
                    break;
            }
            state.CheckedAt = now;
            return new HashSet<RecordReference>(state.Records);
        }
        finally
        {
            state.Gate.Release();
        }
    }

    /// <summary>Records an unsubscribe the adapter made itself, so the next import sees it without waiting for the feed.</summary>
    public void Add(int listId, RecordReference record)
    {
        var state = _lists.GetOrAdd(listId, _ => new ListState());
        lock (state.Records)
            state.Records.Add(record);
    }

    private sealed class ListState
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public HashSet<RecordReference> Records { get; } = [];

        public DateTimeOffset? CheckedAt { get; set; }
    }
}
