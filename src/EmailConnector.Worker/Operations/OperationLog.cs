using EmailConnector.Core.Platforms;
using EmailConnector.Schema;
using Microsoft.Extensions.Logging;

namespace EmailConnector.Worker.Operations;

/// <summary>
/// Log messages of the recipient operations, list membership, reconciliation and lease renewal, event ids 1400–1499.
/// Ids, tables, counts and outcomes only: never addresses or names.
/// </summary>
internal static partial class OperationLog
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Debug, Message = "Sync request {SyncRequestId} lease renewed until {LeaseExpiresOn:o}")]
    public static partial void LeaseRenewed(ILogger logger, Guid syncRequestId, DateTimeOffset leaseExpiresOn);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Sync request {SyncRequestId} could not renew its lease: another worker took it over; stopping")]
    public static partial void LeaseRenewalLost(ILogger logger, Guid syncRequestId);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Campaign activity {CampaignActivityId}: sync state or reason written on {Records} record(s)")]
    public static partial void RecipientMarksWritten(ILogger logger, Guid campaignActivityId, int records);

    [LoggerMessage(EventId = 1410, Level = LogLevel.Information, Message = "{Table} {RecordId} no longer exists; {Operation} has nothing to do")]
    public static partial void RecipientGone(ILogger logger, string table, Guid recordId, SyncOperation operation);

    [LoggerMessage(EventId = 1411, Level = LogLevel.Information, Message = "{Table} {RecordId} is not on the platform (never transferred); {Operation} has nothing to change there")]
    public static partial void RecipientNotOnPlatform(ILogger logger, string table, Guid recordId, SyncOperation operation);

    [LoggerMessage(EventId = 1412, Level = LogLevel.Information, Message = "{Table} {RecordId} updated at {Platform}")]
    public static partial void RecipientUpdated(ILogger logger, string table, Guid recordId, string platform);

    [LoggerMessage(EventId = 1413, Level = LogLevel.Warning, Message = "{Table} {RecordId} not updated at the platform: {Reason}")]
    public static partial void RecipientNotUpdated(ILogger logger, string table, Guid recordId, string reason);

    [LoggerMessage(EventId = 1420, Level = LogLevel.Information, Message = "{Table} {RecordId} allows bulk email again ({ChangedColumns}); resubscribing is never automatic, nothing changes at the platform")]
    public static partial void ConsentAllowsNoPlatformChange(ILogger logger, string table, Guid recordId, string changedColumns);

    [LoggerMessage(EventId = 1421, Level = LogLevel.Information, Message = "{Table} {RecordId} opted out: {Action} at {Platform} → {Outcome}")]
    public static partial void ConsentOptOutApplied(ILogger logger, string table, Guid recordId, string platform, string action, ChangeOutcome outcome);

    [LoggerMessage(EventId = 1422, Level = LogLevel.Information, Message = "{Table} {RecordId} opted out but is unknown to {Platform} and has no valid address to suppress")]
    public static partial void ConsentNothingToSuppress(ILogger logger, string table, Guid recordId, string platform);

    [LoggerMessage(EventId = 1430, Level = LogLevel.Information, Message = "{Table} {RecordId} erased: {CampaignResponses} campaign response(s), {EmailClicks} click(s), {ListUnsubscribes} list unsubscribe(s), {EmailActivities} email activit(ies) deleted")]
    public static partial void Erased(ILogger logger, string table, Guid recordId, int campaignResponses, int emailClicks, int listUnsubscribes, int emailActivities);

    [LoggerMessage(EventId = 1431, Level = LogLevel.Error, Message = "{Table} {RecordId} cannot be erased at {Platform}: the platform has no Erase feature")]
    public static partial void EraseNotSupported(ILogger logger, string table, Guid recordId, string platform);

    [LoggerMessage(EventId = 1440, Level = LogLevel.Information, Message = "List {ListId}: {Added} member(s) screened in and imported, {Excluded} excluded, {Removed} removed from platform list {PlatformListId}")]
    public static partial void ListMembershipSynced(ILogger logger, Guid listId, int added, int excluded, int removed, string platformListId);

    [LoggerMessage(EventId = 1441, Level = LogLevel.Warning, Message = "List {ListId}: {Removed} member(s) left but {Platform} has no list-level unsubscribe; they stay on platform list {PlatformListId} (never unsubscribed globally for a list removal)")]
    public static partial void ListRemovalSkipped(ILogger logger, Guid listId, int removed, string platform, string platformListId);

    [LoggerMessage(EventId = 1442, Level = LogLevel.Information, Message = "List {ListId} is not synced to a platform and on no transferred campaign activity; nothing to do")]
    public static partial void ListNotSynced(ILogger logger, Guid listId);

    [LoggerMessage(EventId = 1450, Level = LogLevel.Information, Message = "Reconciliation of platform account {PlatformAccountId}: {PlatformSuppressions} platform suppression(s), {RecordsOptedOut} record(s) set to do-not-bulk-email, {SuppressionRowsCreated} suppression row(s) created, {PushedToPlatform} CRM suppression(s) pushed to the platform")]
    public static partial void Reconciled(ILogger logger, Guid platformAccountId, int platformSuppressions, int recordsOptedOut, int suppressionRowsCreated, int pushedToPlatform);

    [LoggerMessage(EventId = 1451, Level = LogLevel.Warning, Message = "Reconciliation of platform account {PlatformAccountId} failed")]
    public static partial void ReconciliationFailed(ILogger logger, Exception exception, Guid platformAccountId);

    [LoggerMessage(EventId = 1452, Level = LogLevel.Warning, Message = "Reconciliation pass failed")]
    public static partial void ReconciliationPassFailed(ILogger logger, Exception exception);
}
