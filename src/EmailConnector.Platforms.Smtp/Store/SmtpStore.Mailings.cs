using System.Data.Common;
using System.Globalization;
using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;

namespace EmailConnector.Platforms.Smtp.Store;

internal sealed partial class SmtpStore
{
    private const string MailingColumns = "id, mailing_key, list_id, subject, from_address, from_name, reply_to, html_template, text_template, send_at, status";

    /// <summary>Stores a mailing once per key; a repeated key returns the first mailing and <c>Created = false</c>.</summary>
    public Task<(StoredMailing Mailing, bool Created)> CreateMailingAsync(NewMailing mailing, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
        {
            var id = await ScalarAsync(c, t,
                """
                INSERT INTO mailings (mailing_key, list_id, subject, from_address, from_name, reply_to, html_template, text_template, send_at, status, created_at)
                VALUES (@k, @l, @s, @f, @fn, @r, @h, @t, @at, 1, @now) ON CONFLICT (mailing_key) DO NOTHING RETURNING id;
                """,
                cancellationToken, ("k", mailing.Key), ("l", mailing.ListId), ("s", mailing.Subject), ("f", mailing.FromAddress), ("fn", mailing.FromName),
                ("r", mailing.ReplyTo), ("h", mailing.HtmlTemplate), ("t", mailing.TextTemplate), ("at", Ms(mailing.SendAt)), ("now", Ms(now)));
            if (id is null)
            {
                var existing = (await QueryAsync(c, t, $"SELECT {MailingColumns} FROM mailings WHERE mailing_key = @k;", ReadMailing, cancellationToken, ("k", mailing.Key)))[0];
                return (existing, false);
            }
            var mailingId = Convert.ToInt64(id, CultureInfo.InvariantCulture);
            for (var i = 0; i < mailing.Links.Count; i++)
            {
                await ExecuteAsync(c, t, "INSERT INTO mailing_links (mailing_id, link_index, url) VALUES (@m, @i, @u);", cancellationToken,
                    ("m", mailingId), ("i", i), ("u", mailing.Links[i]));
            }
            var stored = new StoredMailing(mailingId, mailing.Key, mailing.ListId, mailing.Subject, mailing.FromAddress, mailing.FromName, mailing.ReplyTo,
                mailing.HtmlTemplate, mailing.TextTemplate, mailing.SendAt, MailingStatus.Scheduled);
            return (stored, true);
        }, cancellationToken);

    public Task<StoredMailing?> GetMailingAsync(long id, CancellationToken cancellationToken) =>
        ReadAsync(async c => (await QueryAsync(c, null, $"SELECT {MailingColumns} FROM mailings WHERE id = @id;", ReadMailing, cancellationToken, ("id", id))).FirstOrDefault(), cancellationToken);

    /// <summary>The mailing's stored link at <paramref name="index"/>; null when it has none there.</summary>
    public Task<string?> GetLinkAsync(long mailingId, int index, CancellationToken cancellationToken) =>
        ReadAsync(async c => (string?)await ScalarAsync(c, null, "SELECT url FROM mailing_links WHERE mailing_id = @m AND link_index = @i;", cancellationToken, ("m", mailingId), ("i", index)), cancellationToken);

    /// <summary>The mailing's link table in index order.</summary>
    public Task<List<string>> GetLinksAsync(long mailingId, CancellationToken cancellationToken) =>
        ReadAsync(c => QueryAsync(c, null, "SELECT url FROM mailing_links WHERE mailing_id = @m ORDER BY link_index;", r => r.GetString(0), cancellationToken, ("m", mailingId)), cancellationToken);

    /// <summary>
    /// Starts scheduled mailings whose time has come: one pending delivery per subscribed, not opted-out, not
    /// suppressed recipient of the list at this moment. Returns the mailings started.
    /// </summary>
    public Task<List<long>> StartDueMailingsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
        {
            var due = await QueryAsync(c, t, $"SELECT id, list_id FROM mailings WHERE status = 1 AND send_at <= @now ORDER BY send_at, id LIMIT 20{Dialect.SkipLocked};",
                r => (Id: Long(r, 0), ListId: Long(r, 1)), cancellationToken, ("now", Ms(now)));
            var domain = Dialect.IsPostgreSql ? "split_part(r.email_norm, '@', 2)" : "substr(r.email_norm, instr(r.email_norm, '@') + 1)";
            foreach (var (id, listId) in due)
            {
                await ExecuteAsync(c, t,
                    $"""
                    INSERT INTO deliveries (mailing_id, recipient_id, email, email_domain, status, attempts, next_attempt_at)
                    SELECT @m, r.id, r.email, {domain}, 1, 0, @now
                    FROM memberships ms JOIN recipients r ON r.id = ms.recipient_id
                    WHERE ms.list_id = @l AND ms.status = 1 AND r.global_optout = 0 AND r.erased = 0
                      AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.email_norm = r.email_norm)
                    ON CONFLICT (mailing_id, recipient_id) DO NOTHING;
                    """,
                    cancellationToken, ("m", id), ("now", Ms(now)), ("l", listId));
                await ExecuteAsync(c, t, "UPDATE mailings SET status = 2, started_at = @now WHERE id = @m AND status = 1;", cancellationToken, ("now", Ms(now)), ("m", id));
            }
            return due.Select(d => d.Id).ToList();
        }, cancellationToken);

    /// <summary>Marks sending mailings with nothing left to send (or retry) as sent.</summary>
    public Task<int> FinishMailingsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync((c, t) => ExecuteAsync(c, t,
            "UPDATE mailings SET status = 3, finished_at = @now WHERE status = 2 AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.mailing_id = mailings.id AND d.status IN (1, 2));",
            cancellationToken, ("now", Ms(now))), cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> due deliveries for <paramref name="claim"/> until <paramref name="until"/>
    /// (other workers skip them; an expired claim is taken over). Deliveries whose recipient left the list, opted out
    /// or got suppressed since the mailing started are cancelled instead of claimed.
    /// </summary>
    public Task<List<DeliveryWork>> ClaimDueDeliveriesAsync(string claim, DateTimeOffset now, DateTimeOffset until, int limit, long? mailingId, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
        {
            var onlyMailing = mailingId is null ? string.Empty : " AND mailing_id = @mid";
            await ExecuteAsync(c, t,
                $"""
                UPDATE deliveries SET claimed_by = @claim, claim_until = @until WHERE id IN (
                    SELECT id FROM deliveries
                    WHERE status IN (1, 2) AND next_attempt_at <= @now AND (claim_until IS NULL OR claim_until < @now){onlyMailing}
                    ORDER BY next_attempt_at, id LIMIT @n{Dialect.SkipLocked});
                """,
                cancellationToken, ("claim", claim), ("until", Ms(until)), ("now", Ms(now)), ("n", limit), ("mid", mailingId ?? 0));
            var rows = await QueryAsync(c, t,
                """
                SELECT d.id, d.mailing_id, m.list_id, d.recipient_id, r.record_key, r.email, r.fields, d.attempts,
                       CASE WHEN r.global_optout = 0 AND r.erased = 0 AND r.email IS NOT NULL AND ms.status = 1
                                 AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.email_norm = r.email_norm) THEN 1 ELSE 0 END
                FROM deliveries d
                JOIN mailings m ON m.id = d.mailing_id
                JOIN recipients r ON r.id = d.recipient_id
                LEFT JOIN memberships ms ON ms.list_id = m.list_id AND ms.recipient_id = d.recipient_id
                WHERE d.claimed_by = @claim
                ORDER BY d.next_attempt_at, d.id;
                """,
                r => (Work: Int(r, 8) == 1
                    ? new DeliveryWork(Long(r, 0), Long(r, 1), Long(r, 2), Long(r, 3), RecordReference.Parse(r.GetString(4)), r.GetString(5),
                        DomainOf(r.GetString(5)), DeserializeFields(r.GetString(6)), Int(r, 7))
                    : null, Id: Long(r, 0)),
                cancellationToken, ("claim", claim));
            foreach (var (_, id) in rows.Where(r => r.Work is null))
            {
                await ExecuteAsync(c, t, "UPDATE deliveries SET status = 5, claimed_by = NULL, claim_until = NULL WHERE id = @id;", cancellationToken, ("id", id));
            }
            return rows.Where(r => r.Work is not null).Select(r => r.Work!).ToList();
        }, cancellationToken);

    /// <summary>
    /// Records the outcome of attempts in one transaction: delivery states, Sent and Bounce events, suppressions for
    /// hard bounces. A first deferral and a final one (attempts exhausted) each record a soft bounce.
    /// </summary>
    public Task CompleteAttemptsAsync(IReadOnlyList<AttemptResult> results, int maxAttempts, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
        {
            await LockEventsAsync(c, t, cancellationToken);
            foreach (var result in results)
                await CompleteAttemptAsync(c, t, result, maxAttempts, cancellationToken);
            return 0;
        }, cancellationToken);

    private async Task CompleteAttemptAsync(DbConnection c, DbTransaction t, AttemptResult result, int maxAttempts, CancellationToken cancellationToken)
    {
        var work = result.Work;
        var attempt = work.Attempts + 1;
        var at = Ms(result.At);
        var baseEvent = new StoredEvent
        {
            EventId = string.Empty,
            Kind = ReactionKind.Sent,
            OccurredAt = result.At,
            Record = work.Record,
            ListId = work.ListId,
            MailingId = work.MailingId,
            DeliveryId = work.DeliveryId,
            Email = work.Email,
        };
        switch (result.Outcome)
        {
            case AttemptOutcome.Sent:
                await ExecuteAsync(c, t,
                    "UPDATE deliveries SET status = 3, attempts = @a, sent_at = @at, email = @e, email_domain = @d, last_status = @s, claimed_by = NULL, claim_until = NULL WHERE id = @id;",
                    cancellationToken, ("a", attempt), ("at", at), ("e", work.Email), ("d", work.Domain), ("s", result.StatusCode), ("id", work.DeliveryId));
                await AppendEventAsync(c, t, baseEvent with { EventId = "s-" + work.DeliveryId.ToString(CultureInfo.InvariantCulture) }, cancellationToken);
                break;
            case AttemptOutcome.Rejected:
                await ExecuteAsync(c, t,
                    "UPDATE deliveries SET status = 4, attempts = @a, last_status = @s, last_diagnostic = @dg, claimed_by = NULL, claim_until = NULL WHERE id = @id;",
                    cancellationToken, ("a", attempt), ("s", result.StatusCode), ("dg", result.Diagnostic), ("id", work.DeliveryId));
                await AppendBounceAsync(c, t, baseEvent, attempt, result.Category ?? BounceCategory.Unknown, result, cancellationToken);
                break;
            case AttemptOutcome.Deferred when attempt >= maxAttempts:
                await ExecuteAsync(c, t,
                    "UPDATE deliveries SET status = 4, attempts = @a, last_status = @s, last_diagnostic = @dg, claimed_by = NULL, claim_until = NULL WHERE id = @id;",
                    cancellationToken, ("a", attempt), ("s", result.StatusCode), ("dg", result.Diagnostic), ("id", work.DeliveryId));
                await AppendBounceAsync(c, t, baseEvent, attempt, BounceCategory.Soft, result with { Diagnostic = $"Gave up after {attempt} attempts: {result.Diagnostic}" }, cancellationToken);
                break;
            case AttemptOutcome.Deferred:
                await ExecuteAsync(c, t,
                    "UPDATE deliveries SET status = 2, attempts = @a, next_attempt_at = @next, last_status = @s, last_diagnostic = @dg, claimed_by = NULL, claim_until = NULL WHERE id = @id;",
                    cancellationToken, ("a", attempt), ("next", Ms(result.RetryAt ?? result.At)), ("s", result.StatusCode), ("dg", result.Diagnostic), ("id", work.DeliveryId));
                if (attempt == 1)
                    await AppendBounceAsync(c, t, baseEvent, attempt, BounceCategory.Soft, result, cancellationToken);
                break;
            case AttemptOutcome.Released:
                await ExecuteAsync(c, t, "UPDATE deliveries SET next_attempt_at = @next, claimed_by = NULL, claim_until = NULL WHERE id = @id;",
                    cancellationToken, ("next", Ms(result.RetryAt ?? result.At)), ("id", work.DeliveryId));
                break;
        }
    }

    private async Task AppendBounceAsync(DbConnection c, DbTransaction t, StoredEvent baseEvent, int attempt, BounceCategory category, AttemptResult result, CancellationToken cancellationToken)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"b-{baseEvent.DeliveryId}-{attempt}");
        await AppendEventAsync(c, t, baseEvent with
        {
            EventId = id,
            Kind = ReactionKind.Bounce,
            BounceCategory = category,
            StatusCode = result.StatusCode,
            Diagnostic = result.Diagnostic,
        }, cancellationToken);
        if (category == BounceCategory.Hard && baseEvent.Email is { } email)
            await AddSuppressionAsync(c, t, Core.Recipients.EmailAddressRules.Normalize(email), SuppressionReason.HardBounce, baseEvent.Record, result.At, cancellationToken);
    }

    /// <summary>What tracking and intake need about one delivery; null when there is no such delivery.</summary>
    public Task<DeliveryInfo?> GetDeliveryAsync(long deliveryId, CancellationToken cancellationToken) =>
        ReadAsync(c => FindDeliveryAsync(c, null, deliveryId, cancellationToken), cancellationToken);

    internal static async Task<DeliveryInfo?> FindDeliveryAsync(DbConnection c, DbTransaction? t, long deliveryId, CancellationToken cancellationToken) =>
        (await QueryAsync(c, t,
            """
            SELECT d.id, d.mailing_id, m.list_id, d.recipient_id, r.record_key, COALESCE(d.email, r.email), d.sent_at, r.fields
            FROM deliveries d JOIN mailings m ON m.id = d.mailing_id JOIN recipients r ON r.id = d.recipient_id WHERE d.id = @id;
            """,
            r => new DeliveryInfo(Long(r, 0), Long(r, 1), Long(r, 2), Long(r, 3), RecordReference.Parse(r.GetString(4)), Text(r, 5),
                NullableLong(r, 6) is { } sent ? At(sent) : null, DeserializeFields(r.GetString(7))),
            cancellationToken, ("id", deliveryId))).FirstOrDefault();

    /// <summary>Delivery counts by status for one mailing.</summary>
    public Task<Dictionary<DeliveryStatus, int>> CountDeliveriesAsync(long mailingId, CancellationToken cancellationToken) =>
        ReadAsync(async c => (await QueryAsync(c, null, "SELECT status, COUNT(*) FROM deliveries WHERE mailing_id = @m GROUP BY status;",
            r => (Status: (DeliveryStatus)Int(r, 0), Count: Int(r, 1)), cancellationToken, ("m", mailingId))).ToDictionary(x => x.Status, x => x.Count), cancellationToken);

    internal static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return at < 0 ? string.Empty : address[(at + 1)..].Trim().ToLowerInvariant();
    }

    private static StoredMailing ReadMailing(DbDataReader r) =>
        new(Long(r, 0), r.GetString(1), Long(r, 2), r.GetString(3), r.GetString(4), Text(r, 5), Text(r, 6), r.GetString(7), r.GetString(8), At(Long(r, 9)), (MailingStatus)Int(r, 10));
}
