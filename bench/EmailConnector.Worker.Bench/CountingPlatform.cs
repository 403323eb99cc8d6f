using System.Diagnostics;
using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;

namespace EmailConnector.Worker.Bench;

/// <summary>
/// Passes every call to the platform and keeps the reaction events handed out and the time spent inside the platform,
/// so the bench can tell the worker's share of the time and take memory samples at fixed shares of the events.
/// </summary>
internal sealed class CountingPlatform(IEmailPlatform inner) : IEmailPlatform
{
    private long _events;
    private long _platformTicks;

    public Action<long>? EventsRead { get; set; }

    public long Events => Interlocked.Read(ref _events);

    public TimeSpan TimeInPlatform => TimeSpan.FromTicks(Interlocked.Read(ref _platformTicks));

    public PlatformCapabilities Capabilities => inner.Capabilities;

    public Task<PlatformList> EnsureListAsync(ListDefinition list, CancellationToken cancellationToken) => Timed(() => inner.EnsureListAsync(list, cancellationToken));

    public Task<ImportResult> ImportRecipientsAsync(string listId, IReadOnlyList<PlatformRecipient> recipients, CancellationToken cancellationToken) =>
        Timed(() => inner.ImportRecipientsAsync(listId, recipients, cancellationToken));

    public Task<RecipientOutcome> UpdateRecipientAsync(PlatformRecipient recipient, CancellationToken cancellationToken) => inner.UpdateRecipientAsync(recipient, cancellationToken);

    public Task<PlatformRecipientState?> GetRecipientAsync(RecordReference record, string? listId, CancellationToken cancellationToken) =>
        inner.GetRecipientAsync(record, listId, cancellationToken);

    public Task<ChangeOutcome> UnsubscribeAsync(UnsubscribeRequest request, CancellationToken cancellationToken) => inner.UnsubscribeAsync(request, cancellationToken);

    public Task<ChangeOutcome> SuppressAsync(SuppressionRequest request, CancellationToken cancellationToken) => inner.SuppressAsync(request, cancellationToken);

    public Task<ChangeOutcome> EraseRecipientAsync(RecordReference record, CancellationToken cancellationToken) => inner.EraseRecipientAsync(record, cancellationToken);

    public Task<SuppressionPage> GetSuppressionsAsync(SuppressionQuery query, CancellationToken cancellationToken) => inner.GetSuppressionsAsync(query, cancellationToken);

    public async Task<ReactionPage> ReadReactionsAsync(ReactionFeedRequest request, CancellationToken cancellationToken)
    {
        var page = await Timed(() => inner.ReadReactionsAsync(request, cancellationToken)).ConfigureAwait(false);
        EventsRead?.Invoke(Interlocked.Add(ref _events, page.Events.Count));
        return page;
    }

    public Task<KeyFigures> GetKeyFiguresAsync(string listId, CancellationToken cancellationToken) => inner.GetKeyFiguresAsync(listId, cancellationToken);

    public Task<MailingHandle> SendMailingAsync(MailingRequest request, CancellationToken cancellationToken) => inner.SendMailingAsync(request, cancellationToken);

    private async Task<T> Timed<T>(Func<Task<T>> call)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await call().ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Add(ref _platformTicks, Stopwatch.GetElapsedTime(start).Ticks);
        }
    }
}
