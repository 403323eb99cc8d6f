using System.Collections.Concurrent;
using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;

namespace EmailConnector.Worker.Tests.Support;

/// <summary>
/// A platform whose calls fail transiently at a given rate, from a seeded random so a failing run repeats exactly:
/// half of the failures come before the call reaches the platform, half after it took effect (the answer is lost), so
/// the caller's retries must be idempotent. Records which records the platform accepted as new contacts.
/// </summary>
internal sealed class FlakyPlatform(IEmailPlatform inner, double failureRate, int seed) : IEmailPlatform
{
    private readonly Random _random = new(seed);
    private readonly object _gate = new();
    private int _failuresBefore;
    private int _failuresAfter;

    /// <summary>Each record the platform created a contact for, with how many times it did.</summary>
    public ConcurrentDictionary<RecordReference, int> Created { get; } = new();

    /// <summary>Every record sent to ImportRecipients, repeats included.</summary>
    public ConcurrentQueue<RecordReference> Sent { get; } = new();

    public int FailuresBefore => Volatile.Read(ref _failuresBefore);

    public int FailuresAfter => Volatile.Read(ref _failuresAfter);

    public PlatformCapabilities Capabilities => inner.Capabilities;

    public Task<ImportResult> ImportRecipientsAsync(string listId, IReadOnlyList<PlatformRecipient> recipients, CancellationToken cancellationToken) =>
        CallAsync("ImportRecipients", async () =>
        {
            foreach (var recipient in recipients)
                Sent.Enqueue(recipient.Record);
            var result = await inner.ImportRecipientsAsync(listId, recipients, cancellationToken);
            foreach (var outcome in result.Outcomes.Where(o => o.Kind == RecipientOutcomeKind.Imported))
                Created.AddOrUpdate(outcome.Record, 1, (_, n) => n + 1);
            return result;
        });

    public Task<PlatformList> EnsureListAsync(ListDefinition list, CancellationToken cancellationToken) =>
        CallAsync("EnsureList", () => inner.EnsureListAsync(list, cancellationToken));

    public Task<RecipientOutcome> UpdateRecipientAsync(PlatformRecipient recipient, CancellationToken cancellationToken) =>
        CallAsync("UpdateRecipient", () => inner.UpdateRecipientAsync(recipient, cancellationToken));

    public Task<PlatformRecipientState?> GetRecipientAsync(RecordReference record, string? listId, CancellationToken cancellationToken) =>
        CallAsync("GetRecipient", () => inner.GetRecipientAsync(record, listId, cancellationToken));

    public Task<ChangeOutcome> UnsubscribeAsync(UnsubscribeRequest request, CancellationToken cancellationToken) =>
        CallAsync("Unsubscribe", () => inner.UnsubscribeAsync(request, cancellationToken));

    public Task<ChangeOutcome> SuppressAsync(SuppressionRequest request, CancellationToken cancellationToken) =>
        CallAsync("Suppress", () => inner.SuppressAsync(request, cancellationToken));

    public Task<ChangeOutcome> EraseRecipientAsync(RecordReference record, CancellationToken cancellationToken) =>
        CallAsync("EraseRecipient", () => inner.EraseRecipientAsync(record, cancellationToken));

    public Task<SuppressionPage> GetSuppressionsAsync(SuppressionQuery query, CancellationToken cancellationToken) =>
        CallAsync("GetSuppressions", () => inner.GetSuppressionsAsync(query, cancellationToken));

    public Task<ReactionPage> ReadReactionsAsync(ReactionFeedRequest request, CancellationToken cancellationToken) =>
        CallAsync("ReadReactions", () => inner.ReadReactionsAsync(request, cancellationToken));

    public Task<KeyFigures> GetKeyFiguresAsync(string listId, CancellationToken cancellationToken) =>
        CallAsync("GetKeyFigures", () => inner.GetKeyFiguresAsync(listId, cancellationToken));

    public Task<MailingHandle> SendMailingAsync(MailingRequest request, CancellationToken cancellationToken) =>
        CallAsync("SendMailing", () => inner.SendMailingAsync(request, cancellationToken));

    private async Task<T> CallAsync<T>(string operation, Func<Task<T>> call)
    {
        bool fails, afterEffect;
        lock (_gate)
        {
            // One draw decides both, so the two kinds split the failures evenly.
            var draw = _random.NextDouble();
            fails = draw < failureRate;
            afterEffect = draw < failureRate / 2;
        }

        if (fails && !afterEffect)
        {
            Interlocked.Increment(ref _failuresBefore);
            throw new PlatformTransientException("flaky", operation, $"{operation} failed before reaching the platform (injected).");
        }

        var result = await call();
        if (fails)
        {
            Interlocked.Increment(ref _failuresAfter);
            throw new PlatformTransientException("flaky", operation, $"The answer to {operation} was lost after it took effect (injected).");
        }

        return result;
    }
}
