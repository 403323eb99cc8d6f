using System.Collections.Concurrent;
using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;

namespace EmailConnector.Worker.Tests.Support;

/// <summary>
/// Passes every call to the in-memory platform and records each recipient sent to ImportRecipients, so a test can see
/// whether a record was sent twice; <see cref="BeforeImport"/> and <see cref="AfterImport"/> let a test interrupt a
/// transfer at a chosen chunk, before the platform acted or after.
/// </summary>
internal sealed class ImportRecorder(IEmailPlatform inner) : IEmailPlatform
{
    private int _importCalls;

    public ConcurrentQueue<RecordReference> Sent { get; } = new();

    /// <summary>Runs before import call n (1-based) reaches the platform.</summary>
    public Action<int>? BeforeImport { get; set; }

    /// <summary>Runs after import call n (1-based) took effect at the platform, before its answer is returned.</summary>
    public Func<int, CancellationToken, Task>? AfterImport { get; set; }

    public PlatformCapabilities Capabilities => inner.Capabilities;

    public async Task<ImportResult> ImportRecipientsAsync(string listId, IReadOnlyList<PlatformRecipient> recipients, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _importCalls);
        BeforeImport?.Invoke(call);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var recipient in recipients)
            Sent.Enqueue(recipient.Record);
        var result = await inner.ImportRecipientsAsync(listId, recipients, cancellationToken);
        if (AfterImport is { } after)
            await after(call, cancellationToken);
        return result;
    }

    public Task<PlatformList> EnsureListAsync(ListDefinition list, CancellationToken cancellationToken) => inner.EnsureListAsync(list, cancellationToken);

    public Task<RecipientOutcome> UpdateRecipientAsync(PlatformRecipient recipient, CancellationToken cancellationToken) => inner.UpdateRecipientAsync(recipient, cancellationToken);

    public Task<PlatformRecipientState?> GetRecipientAsync(RecordReference record, string? listId, CancellationToken cancellationToken) => inner.GetRecipientAsync(record, listId, cancellationToken);

    public Task<ChangeOutcome> UnsubscribeAsync(UnsubscribeRequest request, CancellationToken cancellationToken) => inner.UnsubscribeAsync(request, cancellationToken);

    public Task<ChangeOutcome> SuppressAsync(SuppressionRequest request, CancellationToken cancellationToken) => inner.SuppressAsync(request, cancellationToken);

    public Task<ChangeOutcome> EraseRecipientAsync(RecordReference record, CancellationToken cancellationToken) => inner.EraseRecipientAsync(record, cancellationToken);

    public Task<SuppressionPage> GetSuppressionsAsync(SuppressionQuery query, CancellationToken cancellationToken) => inner.GetSuppressionsAsync(query, cancellationToken);

    public Task<ReactionPage> ReadReactionsAsync(ReactionFeedRequest request, CancellationToken cancellationToken) => inner.ReadReactionsAsync(request, cancellationToken);

    public Task<KeyFigures> GetKeyFiguresAsync(string listId, CancellationToken cancellationToken) => inner.GetKeyFiguresAsync(listId, cancellationToken);

    public Task<MailingHandle> SendMailingAsync(MailingRequest request, CancellationToken cancellationToken) => inner.SendMailingAsync(request, cancellationToken);
}
