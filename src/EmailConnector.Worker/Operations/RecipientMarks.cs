using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Recipients;
using EmailConnector.Dataverse;
using EmailConnector.Dataverse.Rows;
using EmailConnector.Schema;

namespace EmailConnector.Worker.Operations;

/// <summary>
/// The per-record sync state CRM shows on every marketing-list member (account, contact, lead): <c>ec_syncstatus</c>
/// (Synced once the platform has the record, Error when it refused it) and <c>ec_lastsyncerror</c> (why the record was
/// not transferred or updated, as <c>Reason: explanation</c>; cleared when it goes through). Marks are collected and
/// written in one UpdateMultiple per table, and only for records whose values change, so a re-run writes nothing for
/// unchanged records.
/// </summary>
internal sealed class RecipientMarks(DataverseClient client, TimeProvider time)
{
    /// <summary>The columns a caller reads so <see cref="Set"/> can tell whether anything changes.</summary>
    public static readonly string[] Columns = [RecipientColumns.SyncStatus, RecipientColumns.LastSyncError];

    private const int LastSyncErrorMaxLength = 2000;

    private readonly Dictionary<string, Dictionary<Guid, DataverseRow>> _pending = new(StringComparer.Ordinal);

    public int Written { get; private set; }

    public static string Excluded(ExclusionReason reason) => reason + ": " + reason switch
    {
        ExclusionReason.DoNotBulkEmail => "not transferred, bulk email or email is set to Do Not Allow.",
        ExclusionReason.UnsubscribedFromList => "not transferred, the recipient unsubscribed from this marketing list or campaign activity.",
        ExclusionReason.Suppressed => "not transferred, the address is on the suppression list.",
        ExclusionReason.NoAddress => "not transferred, the record has no email address.",
        ExclusionReason.MalformedAddress => "not transferred, the email address is not a valid address.",
        ExclusionReason.InvalidAddress => "not transferred, the email address is flagged invalid.",
        ExclusionReason.Bounced => "not transferred, the email address hard-bounced.",
        ExclusionReason.DuplicateAddress => "not transferred, another recipient with the same email address is transferred instead.",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not an exclusion."),
    };

    public static string Rejected(RecipientRejection? rejection) =>
        "RejectedByPlatform: the email platform refused the record (" + (rejection?.Reason.ToString() ?? "no reason given") + ")"
        + (string.IsNullOrWhiteSpace(rejection?.Detail) ? "." : ": " + rejection.Detail.Trim());

    /// <summary>
    /// Wants <paramref name="status"/> (null keeps the current one) and <paramref name="error"/> (null clears it) on the
    /// record; <paramref name="current"/> holds its current <see cref="Columns"/>.
    /// </summary>
    public void Set(RecordReference record, DataverseRow current, SyncStatus? status, string? error)
    {
        if (error is { Length: > LastSyncErrorMaxLength })
            error = error[..(LastSyncErrorMaxLength - 1)] + "…";
        var update = new DataverseRow();
        if (status is { } wanted && current.GetOptionValue(RecipientColumns.SyncStatus) != (int)wanted)
        {
            update.Set(RecipientColumns.SyncStatus, (int)wanted);
            if (wanted == SyncStatus.Synced)
                update.Set(RecipientColumns.LastSyncedOn, time.GetUtcNow());
        }

        if (!string.Equals(current.GetString(RecipientColumns.LastSyncError), error, StringComparison.Ordinal))
            update.Set(RecipientColumns.LastSyncError, error);
        if (!update.PropertyNames.Any())
            return;
        if (!_pending.TryGetValue(record.LogicalName, out var table))
            _pending[record.LogicalName] = table = [];
        update.Set(record.LogicalName + "id", record.Id);
        table[record.Id] = update;
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var (table, rows) in _pending)
        {
            if (rows.Count == 0)
                continue;
            await client.UpdateMultipleAsync(table + "s", table, rows.Values.ToList(), cancellationToken).ConfigureAwait(false);
            Written += rows.Count;
            rows.Clear();
        }
    }
}
