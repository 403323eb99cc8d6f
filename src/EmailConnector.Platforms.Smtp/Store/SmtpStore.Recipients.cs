using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Recipients;

namespace EmailConnector.Platforms.Smtp.Store;

internal sealed partial class SmtpStore
{
    private const string RecipientColumns = "id, record_key, email, fields, global_optout, erased";

    /// <summary>
    /// Adds or updates already validated recipients and subscribes them, in one transaction. Opt-outs stay: a
    /// globally opted-out contact or a suppressed address is <see cref="RejectionReason.Suppressed"/>, a list
    /// unsubscribe is <see cref="RejectionReason.Unsubscribed"/>.
    /// </summary>
    public Task<List<RecipientOutcome>> ImportAsync(long listId, IReadOnlyList<PlatformRecipient> recipients, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
        {
            var outcomes = new List<RecipientOutcome>(recipients.Count);
            foreach (var recipient in recipients)
                outcomes.Add(await ImportOneAsync(c, t, listId, recipient, now, cancellationToken));
            return outcomes;
        }, cancellationToken);

    private async Task<RecipientOutcome> ImportOneAsync(DbConnection c, DbTransaction t, long listId, PlatformRecipient recipient, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var record = recipient.Record;
        var address = recipient.EmailAddress.Trim();
        var normalized = EmailAddressRules.Normalize(address);
        var existing = await FindRecipientAsync(c, t, record, cancellationToken);
        var contactId = existing?.Id.ToString(CultureInfo.InvariantCulture);
        if (existing is { GlobalOptOut: true })
            return RecipientOutcome.Rejected(record, RejectionReason.Suppressed, "The contact is unsubscribed or suppressed account-wide.", contactId);
        if (await ScalarAsync(c, t, "SELECT 1 FROM suppressions WHERE email_norm = @e;", cancellationToken, ("e", normalized)) is not null)
            return RecipientOutcome.Rejected(record, RejectionReason.Suppressed, "The address is on the suppression list.", contactId);
        if (existing is not null && await MembershipAsync(c, t, listId, existing.Id, cancellationToken) == MembershipStatus.Unsubscribed)
            return RecipientOutcome.Rejected(record, RejectionReason.Unsubscribed, "The recipient left this list.", contactId);

        long id;
        if (existing is null)
        {
            id = Convert.ToInt64(await ScalarAsync(c, t,
                "INSERT INTO recipients (record_key, email, email_norm, fields, created_at, updated_at) VALUES (@k, @e, @n, @f, @at, @at) RETURNING id;",
                cancellationToken, ("k", record.ToString()), ("e", address), ("n", normalized), ("f", SerializeFields(Merge(null, recipient.Fields))), ("at", Ms(now))), CultureInfo.InvariantCulture);
        }
        else
        {
            id = existing.Id;
            await ExecuteAsync(c, t, "UPDATE recipients SET email = @e, email_norm = @n, fields = @f, erased = 0, updated_at = @at WHERE id = @id;",
                cancellationToken, ("e", address), ("n", normalized), ("f", SerializeFields(Merge(existing.Fields, recipient.Fields))), ("at", Ms(now)), ("id", id));
        }
        await ExecuteAsync(c, t,
            "INSERT INTO memberships (list_id, recipient_id, status, changed_at) VALUES (@l, @r, 1, @at) ON CONFLICT (list_id, recipient_id) DO UPDATE SET status = 1, changed_at = @at;",
            cancellationToken, ("l", listId), ("r", id), ("at", Ms(now)));
        return new RecipientOutcome(record, existing is null || existing.Erased ? RecipientOutcomeKind.Imported : RecipientOutcomeKind.Updated, id.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Renames and updates one known recipient; never subscribes. Null when the record is unknown (or erased).</summary>
    public Task<long?> UpdateRecipientAsync(PlatformRecipient recipient, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
        {
            var existing = await FindRecipientAsync(c, t, recipient.Record, cancellationToken);
            if (existing is null || existing.Erased)
                return (long?)null;
            var address = recipient.EmailAddress.Trim();
            await ExecuteAsync(c, t, "UPDATE recipients SET email = @e, email_norm = @n, fields = @f, updated_at = @at WHERE id = @id;",
                cancellationToken, ("e", address), ("n", EmailAddressRules.Normalize(address)), ("f", SerializeFields(Merge(existing.Fields, recipient.Fields))),
                ("at", Ms(now)), ("id", existing.Id));
            return existing.Id;
        }, cancellationToken);

    public Task<StoredRecipient?> GetRecipientAsync(RecordReference record, CancellationToken cancellationToken) =>
        ReadAsync(c => FindRecipientAsync(c, null, record, cancellationToken), cancellationToken);

    public Task<MembershipStatus> GetMembershipAsync(long listId, long recipientId, CancellationToken cancellationToken) =>
        ReadAsync(c => MembershipAsync(c, null, listId, recipientId, cancellationToken), cancellationToken);

    /// <summary>True when the recipient's address is on the suppression list.</summary>
    public Task<bool> IsSuppressedAsync(string address, CancellationToken cancellationToken) =>
        ReadAsync(async c => await ScalarAsync(c, null, "SELECT 1 FROM suppressions WHERE email_norm = @e;", cancellationToken, ("e", EmailAddressRules.Normalize(address))) is not null, cancellationToken);

    /// <summary>A list or global unsubscribe asked for by CRM (no reaction event: CRM already knows).</summary>
    public Task<ChangeOutcome> UnsubscribeAsync(RecordReference record, long? listId, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
        {
            var existing = await FindRecipientAsync(c, t, record, cancellationToken);
            if (existing is null)
                return ChangeOutcome.NotFound;
            var applied = listId is { } list
                ? await LeaveListAsync(c, t, list, existing.Id, now, cancellationToken)
                : await OptOutGloballyAsync(c, t, existing, SuppressionReason.Unsubscribed, now, cancellationToken);
            return applied ? ChangeOutcome.Applied : ChangeOutcome.AlreadyApplied;
        }, cancellationToken);

    public Task<ChangeOutcome> SuppressAsync(string address, SuppressionReason reason, RecordReference? record, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
            await AddSuppressionAsync(c, t, EmailAddressRules.Normalize(address), reason, record, now, cancellationToken) ? ChangeOutcome.Applied : ChangeOutcome.AlreadyApplied,
            cancellationToken);

    /// <summary>
    /// Forgets the recipient's personal data: address, fields, events, the address on its deliveries, subscribed
    /// memberships, the record on its suppressions. An opted-out recipient keeps a bare row (record + opt-out) and
    /// its list unsubscribes, so a later import still refuses it; the suppressed address stays suppressed.
    /// </summary>
    public Task<ChangeOutcome> EraseAsync(RecordReference record, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
        {
            var existing = await FindRecipientAsync(c, t, record, cancellationToken);
            if (existing is null || existing.Erased)
                return existing is null ? ChangeOutcome.NotFound : ChangeOutcome.AlreadyApplied;
            var key = record.ToString();
            await ExecuteAsync(c, t, "DELETE FROM events WHERE record_key = @k;", cancellationToken, ("k", key));
            await ExecuteAsync(c, t, "UPDATE deliveries SET email = NULL, email_domain = NULL, last_diagnostic = NULL, status = CASE WHEN status IN (1, 2) THEN 5 ELSE status END WHERE recipient_id = @id;", cancellationToken, ("id", existing.Id));
            await ExecuteAsync(c, t, "UPDATE inbound SET raw = NULL, detail = NULL WHERE delivery_id IN (SELECT id FROM deliveries WHERE recipient_id = @id);", cancellationToken, ("id", existing.Id));
            await ExecuteAsync(c, t, "UPDATE suppressions SET record_key = NULL WHERE record_key = @k;", cancellationToken, ("k", key));
            await ExecuteAsync(c, t, "DELETE FROM memberships WHERE recipient_id = @id AND status <> 2;", cancellationToken, ("id", existing.Id));
            await ExecuteAsync(c, t, "UPDATE recipients SET email = NULL, email_norm = NULL, fields = '{}', erased = 1 WHERE id = @id;", cancellationToken, ("id", existing.Id));
            return ChangeOutcome.Applied;
        }, cancellationToken);

    /// <summary>Suppressions ordered by address, after <paramref name="after"/>.</summary>
    public Task<List<SuppressionEntry>> GetSuppressionsAsync(string? after, int limit, CancellationToken cancellationToken) =>
        ReadAsync(c => QueryAsync(c, null,
            "SELECT email_norm, reason, since, record_key FROM suppressions WHERE email_norm > @after ORDER BY email_norm LIMIT @n;",
            r => new SuppressionEntry(r.GetString(0), (SuppressionReason)Int(r, 1), At(Long(r, 2)), Text(r, 3) is { } k ? RecordReference.Parse(k) : null),
            cancellationToken, ("after", after ?? string.Empty), ("n", limit)), cancellationToken);

    internal async Task<bool> LeaveListAsync(DbConnection c, DbTransaction t, long listId, long recipientId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The conditional update is the guard: of any number of concurrent requests exactly one changes the row.
        var changed = await ExecuteAsync(c, t, "UPDATE memberships SET status = 2, changed_at = @at WHERE list_id = @l AND recipient_id = @r AND status <> 2;",
            cancellationToken, ("at", Ms(now)), ("l", listId), ("r", recipientId));
        if (changed > 0)
            return true;
        return await ExecuteAsync(c, t, "INSERT INTO memberships (list_id, recipient_id, status, changed_at) VALUES (@l, @r, 2, @at) ON CONFLICT (list_id, recipient_id) DO NOTHING;",
            cancellationToken, ("l", listId), ("r", recipientId), ("at", Ms(now))) > 0;
    }

    internal async Task<bool> OptOutGloballyAsync(DbConnection c, DbTransaction t, StoredRecipient recipient, SuppressionReason reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = await ExecuteAsync(c, t, "UPDATE recipients SET global_optout = 1, updated_at = @at WHERE id = @id AND global_optout = 0;",
            cancellationToken, ("at", Ms(now)), ("id", recipient.Id));
        if (recipient.Email is { } email)
            await AddSuppressionAsync(c, t, EmailAddressRules.Normalize(email), reason, recipient.Record, now, cancellationToken);
        return changed > 0;
    }

    internal static async Task<bool> AddSuppressionAsync(DbConnection c, DbTransaction t, string normalized, SuppressionReason reason, RecordReference? record, DateTimeOffset now, CancellationToken cancellationToken) =>
        await ExecuteAsync(c, t, "INSERT INTO suppressions (email_norm, reason, since, record_key) VALUES (@e, @r, @at, @k) ON CONFLICT (email_norm) DO NOTHING;",
            cancellationToken, ("e", normalized), ("r", (int)reason), ("at", Ms(now)), ("k", record?.ToString())) > 0;

    internal static async Task<StoredRecipient?> FindRecipientAsync(DbConnection c, DbTransaction? t, RecordReference record, CancellationToken cancellationToken) =>
        (await QueryAsync(c, t, $"SELECT {RecipientColumns} FROM recipients WHERE record_key = @k;", ReadRecipient, cancellationToken, ("k", record.ToString()))).FirstOrDefault();

    internal static async Task<StoredRecipient?> FindRecipientAsync(DbConnection c, DbTransaction? t, long id, CancellationToken cancellationToken) =>
        (await QueryAsync(c, t, $"SELECT {RecipientColumns} FROM recipients WHERE id = @id;", ReadRecipient, cancellationToken, ("id", id))).FirstOrDefault();

    private static async Task<MembershipStatus> MembershipAsync(DbConnection c, DbTransaction? t, long listId, long recipientId, CancellationToken cancellationToken)
    {
        var status = await ScalarAsync(c, t, "SELECT status FROM memberships WHERE list_id = @l AND recipient_id = @r;", cancellationToken, ("l", listId), ("r", recipientId));
        return status is null ? MembershipStatus.None : (MembershipStatus)Convert.ToInt32(status, CultureInfo.InvariantCulture);
    }

    private static StoredRecipient ReadRecipient(DbDataReader r) =>
        new(Long(r, 0), RecordReference.Parse(r.GetString(1)), Text(r, 2), DeserializeFields(r.GetString(3)), Int(r, 4) != 0, Int(r, 5) != 0);

    private static Dictionary<string, string?> Merge(IReadOnlyDictionary<string, string?>? current, IReadOnlyDictionary<string, string?> changes)
    {
        var merged = current is null ? new Dictionary<string, string?>(StringComparer.Ordinal) : new Dictionary<string, string?>(current, StringComparer.Ordinal);
        foreach (var (name, value) in changes)
        {
            if (value is null)
                merged.Remove(name);
            else
                merged[name] = value;
        }
        return merged;
    }

    internal static string SerializeFields(IReadOnlyDictionary<string, string?> fields) => JsonSerializer.Serialize(fields);

    internal static IReadOnlyDictionary<string, string?> DeserializeFields(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string?>>(json) ?? [];
}
