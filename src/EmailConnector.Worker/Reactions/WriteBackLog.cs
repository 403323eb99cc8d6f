using Microsoft.Extensions.Logging;

namespace EmailConnector.Worker.Reactions;

/// <summary>Email activities, leads, key figures and reports: event ids 1500–1599. Ids and counts only.</summary>
internal static partial class WriteBackLog
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Campaign activity {CampaignActivityId}: {Created} email activit(y/ies) created, {Existing} already there")]
    public static partial void EmailActivitiesWritten(ILogger logger, Guid campaignActivityId, int created, int existing);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Campaign activity {CampaignActivityId} asks for complete email activities, but the platform does not provide mailing {MailingId}'s impersonal copy; the email activities get the subject only")]
    public static partial void BodyUnavailable(ILogger logger, Guid campaignActivityId, string? mailingId);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "Campaign activity {CampaignActivityId}: {Created} lead(s) created from new subscribers, {Existing} already there")]
    public static partial void LeadsWritten(ILogger logger, Guid campaignActivityId, int created, int existing);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Warning, Message = "Campaign activity {CampaignActivityId}: {Count} new subscriber(s) without a valid address skipped")]
    public static partial void SubscribersSkipped(ILogger logger, Guid campaignActivityId, int count);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Debug, Message = "{Count} new subscriber(s) of list(s) whose campaign activity does not generate leads ignored")]
    public static partial void SubscribersIgnored(ILogger logger, int count);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Information, Message = "Key figures of campaign activity {CampaignActivityId} updated")]
    public static partial void KeyFiguresUpdated(ILogger logger, Guid campaignActivityId);

    [LoggerMessage(EventId = 1506, Level = LogLevel.Warning, Message = "Key figures of campaign activity {CampaignActivityId} not updated after the reaction pull")]
    public static partial void KeyFiguresFailed(ILogger logger, Exception exception, Guid campaignActivityId);

    [LoggerMessage(EventId = 1507, Level = LogLevel.Information, Message = "Sync now of campaign activity {CampaignActivityId}: {Feeds} feed(s) of platform account {PlatformAccountId} pulled, {Events} event(s)")]
    public static partial void SyncedNow(ILogger logger, Guid campaignActivityId, Guid platformAccountId, int feeds, int events);

    [LoggerMessage(EventId = 1508, Level = LogLevel.Information, Message = "Report of campaign activity {CampaignActivityId} attached as note {AnnotationId} ({Bytes} bytes)")]
    public static partial void ReportAttached(ILogger logger, Guid campaignActivityId, Guid annotationId, int bytes);

    [LoggerMessage(EventId = 1509, Level = LogLevel.Warning, Message = "Report of campaign activity {CampaignActivityId}: {What} '{Value}' is not known here; {Fallback} is used")]
    public static partial void ReportSettingUnknown(ILogger logger, Guid campaignActivityId, string what, string value, string fallback);

    [LoggerMessage(EventId = 1510, Level = LogLevel.Information, Message = "{Count} row(s) of {Table} were created by another worker meanwhile; theirs stand")]
    public static partial void CreatedConcurrently(ILogger logger, int count, string table);

    [LoggerMessage(EventId = 1511, Level = LogLevel.Warning, Message = "CreateMultiple of {Count} {Table} row(s) refused ({StatusCode} {ErrorCode}); created one by one instead")]
    public static partial void BulkCreateRefused(ILogger logger, string table, int count, int statusCode, string? errorCode);

    [LoggerMessage(EventId = 1512, Level = LogLevel.Warning, Message = "This Dataverse refuses CreateMultiple for {Table} rows as the worker writes them (see event 1511 for the answer); this process creates them one by one from now on, which costs one request per row against the service protection limits")]
    public static partial void BulkCreateOff(ILogger logger, string table);
}
