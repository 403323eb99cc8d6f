using System.Data.Common;
using System.Globalization;
using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;

namespace EmailConnector.Platforms.Smtp.Store;

internal sealed partial class SmtpStore
{
    private const string EventColumns =
        "seq, event_id, kind, occurred_at, recorded_at, record_key, list_id, mailing_id, delivery_id, email, url, ip, user_agent, is_machine, machine_reason, bounce_category, status_code, diagnostic, unsubscribe_scope";

    /// <summary>Appends an event unless one with its id exists; true when it was added. Call inside <see cref="LockEventsAsync"/>.</summary>
    internal static async Task<bool> AppendEventAsync(DbConnection c, DbTransaction t, StoredEvent e, CancellationToken cancellationToken) =>
        await ExecuteAsync(c, t,
            """
            INSERT INTO events (event_id, feed, kind, occurred_at, recorded_at, record_key, list_id, mailing_id, delivery_id, email, url, ip, user_agent,
                                is_machine, machine_reason, bounce_category, status_code, diagnostic, unsubscribe_scope)
            VALUES (@id, @feed, @kind, @occ, @rec, @k, @l, @m, @d, @e, @u, @ip, @ua, @mach, @mr, @bc, @sc, @dg, @us)
            ON CONFLICT (event_id) DO NOTHING;
            """,
            cancellationToken,
            ("id", e.EventId), ("feed", (int)ReactionFeeds.FeedOf(e.Kind)), ("kind", (int)e.Kind), ("occ", Ms(e.OccurredAt)),
            ("rec", Ms(e.RecordedAt == default ? e.OccurredAt : e.RecordedAt)), ("k", e.Record?.ToString()), ("l", e.ListId), ("m", e.MailingId),
            ("d", e.DeliveryId), ("e", e.Email), ("u", e.Url), ("ip", e.IpAddress), ("ua", e.UserAgent), ("mach", e.IsMachine ? 1 : 0), ("mr", e.MachineReason),
            ("bc", e.BounceCategory is { } b ? (int)b : null), ("sc", e.StatusCode), ("dg", e.Diagnostic), ("us", e.UnsubscribeScope is { } s ? (int)s : null)) > 0;

    /// <summary>Appends one event in its own transaction; true when it was new.</summary>
    public Task<bool> AppendEventAsync(StoredEvent e, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
        {
            await LockEventsAsync(c, t, cancellationToken);
            return await AppendEventAsync(c, t, e, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Events of a feed after sequence <paramref name="afterSequence"/>, plus (when <paramref name="repeatSince"/> is
    /// set) the earlier ones recorded at or after it: the overlap window. Oldest first.
    /// </summary>
    public Task<List<StoredEvent>> ReadFeedAsync(ReactionFeed feed, long afterSequence, DateTimeOffset? repeatSince, int limit, CancellationToken cancellationToken) =>
        ReadAsync(c => repeatSince is { } since
            ? QueryAsync(c, null, $"SELECT {EventColumns} FROM events WHERE feed = @f AND (seq > @after OR recorded_at >= @since) ORDER BY seq LIMIT @n;",
                ReadEvent, cancellationToken, ("f", (int)feed), ("after", afterSequence), ("since", Ms(since)), ("n", limit))
            : QueryAsync(c, null, $"SELECT {EventColumns} FROM events WHERE feed = @f AND seq > @after ORDER BY seq LIMIT @n;",
                ReadEvent, cancellationToken, ("f", (int)feed), ("after", afterSequence), ("n", limit)), cancellationToken);

    /// <summary>Every event of a list's mailings (for the key figures).</summary>
    public Task<List<StoredEvent>> GetListEventsAsync(long listId, CancellationToken cancellationToken) =>
        ReadAsync(c => QueryAsync(c, null, $"SELECT {EventColumns} FROM events WHERE list_id = @l ORDER BY seq;", ReadEvent, cancellationToken, ("l", listId)), cancellationToken);

    /// <summary>Every event of one mailing.</summary>
    public Task<List<StoredEvent>> GetMailingEventsAsync(long mailingId, CancellationToken cancellationToken) =>
        ReadAsync(c => QueryAsync(c, null, $"SELECT {EventColumns} FROM events WHERE mailing_id = @m ORDER BY seq;", ReadEvent, cancellationToken, ("m", mailingId)), cancellationToken);

    /// <summary>
    /// The recipient of a delivery leaves the mailing's list (or everything): exactly one Unsubscribe event however
    /// often this runs. Returns false when nothing changed (already out).
    /// </summary>
    public Task<bool> UnsubscribeDeliveryAsync(DeliveryInfo delivery, UnsubscribeScope scope, StoredEvent reaction, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
        {
            await LockEventsAsync(c, t, cancellationToken);
            var recipient = await FindRecipientAsync(c, t, delivery.RecipientId, cancellationToken);
            if (recipient is null || recipient.Erased)
                return false;
            var applied = scope == UnsubscribeScope.List
                ? await LeaveListAsync(c, t, delivery.ListId, recipient.Id, reaction.OccurredAt, cancellationToken)
                : await OptOutGloballyAsync(c, t, recipient, SuppressionReason.Unsubscribed, reaction.OccurredAt, cancellationToken);
            if (applied)
                await AppendEventAsync(c, t, reaction with { UnsubscribeScope = scope, Kind = ReactionKind.Unsubscribe }, cancellationToken);
            return applied;
        }, cancellationToken);

    /// <summary>A spam complaint: the recipient is opted out and suppressed, and one Complaint event is recorded.</summary>
    internal async Task<bool> ComplainAsync(DbConnection c, DbTransaction t, DeliveryInfo delivery, StoredEvent reaction, CancellationToken cancellationToken)
    {
        var recipient = await FindRecipientAsync(c, t, delivery.RecipientId, cancellationToken);
        if (recipient is not null && !recipient.Erased)
            await OptOutGloballyAsync(c, t, recipient, SuppressionReason.Complaint, reaction.OccurredAt, cancellationToken);
        return await AppendEventAsync(c, t, reaction, cancellationToken);
    }

    private static StoredEvent ReadEvent(DbDataReader r) => new()
    {
        Sequence = Long(r, 0),
        EventId = r.GetString(1),
        Kind = (ReactionKind)Int(r, 2),
        OccurredAt = At(Long(r, 3)),
        RecordedAt = At(Long(r, 4)),
        Record = Text(r, 5) is { } k ? RecordReference.Parse(k) : null,
        ListId = NullableLong(r, 6),
        MailingId = NullableLong(r, 7),
        DeliveryId = NullableLong(r, 8),
        Email = Text(r, 9),
        Url = Text(r, 10),
        IpAddress = Text(r, 11),
        UserAgent = Text(r, 12),
        IsMachine = Int(r, 13) != 0,
        MachineReason = Text(r, 14),
        BounceCategory = r.IsDBNull(15) ? null : (BounceCategory)Int(r, 15),
        StatusCode = Text(r, 16),
        Diagnostic = Text(r, 17),
        UnsubscribeScope = r.IsDBNull(18) ? null : (UnsubscribeScope)Int(r, 18),
    };

    internal static string Id(long value) => value.ToString(CultureInfo.InvariantCulture);
}
