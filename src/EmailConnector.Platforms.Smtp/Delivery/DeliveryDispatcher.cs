using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using EmailConnector.Core.Reactions;
using EmailConnector.Platforms.Smtp.Composition;
using EmailConnector.Platforms.Smtp.Store;
using Microsoft.Extensions.Logging;

namespace EmailConnector.Platforms.Smtp.Delivery;

/// <summary>What one dispatch run did.</summary>
internal sealed record DispatchSummary(int Sent, int Rejected, int Deferred, int Released)
{
    public static readonly DispatchSummary Empty = new(0, 0, 0, 0);

    public DispatchSummary Add(DispatchSummary other) =>
        new(Sent + other.Sent, Rejected + other.Rejected, Deferred + other.Deferred, Released + other.Released);
}

/// <summary>
/// Sends due deliveries: starts due mailings, claims deliveries in batches (safe across workers), renders and signs
/// each message, sends it over a few reused transport sessions in parallel, and records the outcomes of a batch in
/// one transaction. A 5xx at RCPT is a bounce at once (categorised by Core's <see cref="BounceClassifier"/>); a 4xx
/// is retried with backoff and pauses its domain; an unreachable relay postpones the rest of the batch.
/// </summary>
internal sealed class DeliveryDispatcher
{
    private readonly SmtpStore _store;
    private readonly IMessageTransport _transport;
    private readonly MessageComposer _composer;
    private readonly DomainThrottle _throttle;
    private readonly RetryPolicy _retry;
    private readonly SmtpPlatformOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _instance;
    private readonly ConcurrentDictionary<long, StoredMailing> _mailings = new();
    private long _claims;

    public DeliveryDispatcher(
        SmtpStore store, IMessageTransport transport, MessageComposer composer, DomainThrottle throttle, RetryPolicy retry,
        SmtpPlatformOptions options, TimeProvider time, ILogger logger, string instance)
    {
        _store = store;
        _transport = transport;
        _composer = composer;
        _throttle = throttle;
        _retry = retry;
        _options = options;
        _time = time;
        _logger = logger;
        _instance = instance;
    }

    private int Parallelism => _options.Delivery == DeliveryMode.Relay ? _options.Relay.MaxConnections : 2;

    /// <summary>Starts due mailings and sends everything due now (of one mailing, or all); returns the totals.</summary>
    public async Task<DispatchSummary> RunAsync(long? mailingId, CancellationToken cancellationToken)
    {
        foreach (var started in await _store.StartDueMailingsAsync(_time.GetUtcNow(), cancellationToken))
            Log.MailingStarted(_logger, started);

        var total = DispatchSummary.Empty;
        var sessions = new ConcurrentBag<ITransportSession>();
        try
        {
            while (true)
            {
                var now = _time.GetUtcNow();
                var claim = $"{_instance}:{Interlocked.Increment(ref _claims)}";
                var batch = await _store.ClaimDueDeliveriesAsync(claim, now, now + _options.ClaimDuration, _options.DispatchBatchSize, mailingId, cancellationToken);
                if (batch.Count == 0)
                    break;
                var watch = Stopwatch.StartNew();
                var results = await SendBatchAsync(batch, sessions, cancellationToken);
                await _store.CompleteAttemptsAsync(results, _options.MaxAttempts, cancellationToken);
                var summary = Summarise(results);
                Log.DispatchRound(_logger, summary.Sent, summary.Rejected, summary.Deferred, summary.Released, watch.Elapsed.TotalSeconds);
                total = total.Add(summary);
                if (summary.Sent + summary.Rejected + summary.Deferred == 0)
                    break; // everything in the batch was postponed: nothing more can go out now
            }
        }
        finally
        {
            foreach (var session in sessions)
                await session.DisposeAsync();
        }
        await _store.FinishMailingsAsync(_time.GetUtcNow(), cancellationToken);
        return total;
    }

    private async Task<List<AttemptResult>> SendBatchAsync(List<DeliveryWork> batch, ConcurrentBag<ITransportSession> sessions, CancellationToken cancellationToken)
    {
        var queue = Channel.CreateUnbounded<DeliveryWork>();
        foreach (var work in batch)
            queue.Writer.TryWrite(work);
        queue.Writer.Complete();
        var results = new ConcurrentQueue<AttemptResult>();
        var unavailable = 0;
        string? unavailableReason = null;

        async Task WorkerAsync()
        {
            ITransportSession? session = null;
            while (await queue.Reader.WaitToReadAsync(cancellationToken))
            {
                while (queue.Reader.TryRead(out var work))
                {
                    if (Volatile.Read(ref unavailable) != 0)
                    {
                        results.Enqueue(Postpone(work, "relay unavailable"));
                        continue;
                    }
                    try
                    {
                        if (session is null)
                        {
                            sessions.Add(session = await _transport.OpenSessionAsync(cancellationToken));
                        }
                        results.Enqueue(await AttemptAsync(session, work, cancellationToken));
                    }
                    catch (TransportUnavailableException e)
                    {
                        Interlocked.Exchange(ref unavailable, 1);
                        unavailableReason = e.Message;
                        results.Enqueue(Postpone(work, e.Message));
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Min(Parallelism, batch.Count)).Select(_ => Task.Run(WorkerAsync, cancellationToken)));
        if (unavailable != 0)
        {
            var postponed = results.Count(r => r.Outcome == AttemptOutcome.Released);
            Log.RelayUnavailable(_logger, postponed, results.Where(r => r.Outcome == AttemptOutcome.Released).Max(r => r.RetryAt!.Value), unavailableReason ?? "unknown");
        }
        return [.. results];
    }

    private AttemptResult Postpone(DeliveryWork work, string reason)
    {
        var now = _time.GetUtcNow();
        return new AttemptResult(work, AttemptOutcome.Released, now, Diagnostic: reason, RetryAt: now + _retry.DelayAfter(1));
    }

    private async Task<AttemptResult> AttemptAsync(ITransportSession session, DeliveryWork work, CancellationToken cancellationToken)
    {
        if (!_throttle.TryAcquire(work.Domain, out var freeAt))
            return new AttemptResult(work, AttemptOutcome.Released, _time.GetUtcNow(), RetryAt: freeAt);

        var mailing = await GetMailingAsync(work.MailingId, cancellationToken);
        var composed = _composer.Compose(mailing, work);
        var reply = await session.SendAsync(composed.Message, composed.EnvelopeSender, composed.Recipient, composed.EnvelopeId, cancellationToken);
        var now = _time.GetUtcNow();
        var status = reply.ReplyCode is { } code ? SmtpStatus.Parse($"{code} {reply.Text}") : null;
        switch (reply.Outcome)
        {
            case TransportOutcome.Accepted:
                return new AttemptResult(work, AttemptOutcome.Sent, now, StatusCode: status?.ToString());
            case TransportOutcome.Deferred:
                var retryAt = now + _retry.DelayAfter(work.Attempts + 1);
                var pauseUntil = now + _options.DomainPauseAfterDeferral;
                _throttle.Pause(work.Domain, pauseUntil);
                Log.DomainPaused(_logger, work.Domain, pauseUntil);
                Log.DeliveryDeferred(_logger, work.DeliveryId, reply.ReplyCode, work.Attempts + 1, retryAt);
                return new AttemptResult(work, AttemptOutcome.Deferred, now, status?.ToString(), reply.Text, BounceCategory.Soft, retryAt);
            default:
                // A permanent refusal at RCPT (or DATA) is a bounce now; the code says which kind (5.1.1 hard, 5.7.1 blocked).
                var category = BounceClassifier.Classify(status, reply.Text);
                Log.DeliveryRejected(_logger, work.DeliveryId, reply.ReplyCode, category.ToString());
                return new AttemptResult(work, AttemptOutcome.Rejected, now, status?.ToString(), reply.Text, category);
        }
    }

    private async Task<StoredMailing> GetMailingAsync(long mailingId, CancellationToken cancellationToken)
    {
        if (_mailings.TryGetValue(mailingId, out var cached))
            return cached;
        var mailing = await _store.GetMailingAsync(mailingId, cancellationToken)
            ?? throw new InvalidOperationException($"Delivery of mailing {mailingId}, which does not exist.");
        return _mailings.GetOrAdd(mailingId, mailing);
    }

    private static DispatchSummary Summarise(IReadOnlyCollection<AttemptResult> results) => new(
        results.Count(r => r.Outcome == AttemptOutcome.Sent),
        results.Count(r => r.Outcome == AttemptOutcome.Rejected),
        results.Count(r => r.Outcome == AttemptOutcome.Deferred),
        results.Count(r => r.Outcome == AttemptOutcome.Released));
}
