using EmailConnector.Schema;
using Microsoft.Extensions.Logging;

namespace EmailConnector.Worker;

/// <summary>
/// The worker's log messages, event ids 1000–1999. Properties are ids, operations, counts and timings; never
/// addresses, names or payloads. <c>SyncRequestId</c> and <c>CorrelationId</c> come from the request's log scope.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Worker {LeaseOwner} draining the queue every {PollIntervalSeconds}s; handlers: {Operations}")]
    public static partial void WorkerStarted(ILogger logger, string leaseOwner, double pollIntervalSeconds, string operations);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Worker {LeaseOwner} stopped")]
    public static partial void WorkerStopped(ILogger logger, string leaseOwner);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Queue pass {Pass} failed; next pass in {DelaySeconds}s")]
    public static partial void PassFailed(ILogger logger, Exception exception, int pass, double delaySeconds);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug, Message = "Sync request {SyncRequestId} was claimed by another worker first; skipped")]
    public static partial void ClaimLost(ILogger logger, Guid syncRequestId);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Taking over sync request {SyncRequestId} from {PreviousLeaseOwner}, whose lease expired at {LeaseExpiresOn:o}")]
    public static partial void TakingOver(ILogger logger, Guid syncRequestId, string? previousLeaseOwner, DateTimeOffset? leaseExpiresOn);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information, Message = "Sync request {SyncRequestId} {Operation} attempt {Attempt} started")]
    public static partial void RequestStarted(ILogger logger, Guid syncRequestId, SyncOperation operation, int attempt);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Information, Message = "Sync request {SyncRequestId} {Operation} succeeded in {ElapsedMs} ms")]
    public static partial void RequestSucceeded(ILogger logger, Guid syncRequestId, SyncOperation operation, long elapsedMs);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Warning, Message = "Sync request {SyncRequestId} {Operation} attempt {Attempt} failed ({ErrorType}); retry at {NextAttemptOn:o}")]
    public static partial void RequestRetrying(ILogger logger, Exception exception, Guid syncRequestId, SyncOperation operation, int attempt, string errorType, DateTimeOffset nextAttemptOn);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Error, Message = "Sync request {SyncRequestId} {Operation} parked after attempt {Attempt} ({ErrorType})")]
    public static partial void RequestParked(ILogger logger, Exception exception, Guid syncRequestId, SyncOperation operation, int attempt, string errorType);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Warning, Message = "Sync request {SyncRequestId} lost its lease before it could be marked {QueueState}; the new owner decides")]
    public static partial void LeaseLost(ILogger logger, Guid syncRequestId, QueueState queueState);

    [LoggerMessage(EventId = 1017, Level = LogLevel.Information, Message = "Sync request {SyncRequestId} released at shutdown (released: {Released})")]
    public static partial void RequestReleased(ILogger logger, Guid syncRequestId, bool released);

    [LoggerMessage(EventId = 1018, Level = LogLevel.Error, Message = "Sync request {SyncRequestId} could not be written back; its lease expires and another pass retries it")]
    public static partial void RequestWriteBackFailed(ILogger logger, Exception exception, Guid syncRequestId);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Campaign activity {CampaignActivityId} has platform list {PlatformListId} (created: {Created})")]
    public static partial void ListEnsured(ILogger logger, Guid campaignActivityId, string platformListId, bool created);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Campaign activity {CampaignActivityId} already has platform list {PlatformListId}; nothing to do")]
    public static partial void ListAlreadyStored(ILogger logger, Guid campaignActivityId, string platformListId);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Transfer to the platform for campaign activity {CampaignActivityId} started; {AlreadyImported} recipient(s) imported before")]
    public static partial void TransferStarted(ILogger logger, Guid campaignActivityId, int alreadyImported);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Debug, Message = "Campaign activity {CampaignActivityId}: {Imported} recipient(s) imported, {Rejected} rejected by the platform in this chunk")]
    public static partial void TransferChunkImported(ILogger logger, Guid campaignActivityId, int imported, int rejected);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Transfer for campaign activity {CampaignActivityId} done: {Transferred} transferred, {Excluded} excluded, {ImportedThisRun} imported in this run")]
    public static partial void TransferCompleted(ILogger logger, Guid campaignActivityId, int transferred, int excluded, int importedThisRun);

    [LoggerMessage(EventId = 1900, Level = LogLevel.Information, Message = "Health endpoint listening on {HealthAddress}")]
    public static partial void HealthEndpointStarted(ILogger logger, Uri healthAddress);

    [LoggerMessage(EventId = 1901, Level = LogLevel.Warning, Message = "The queue snapshot for the health endpoint and gauges could not be read")]
    public static partial void QueueSnapshotFailed(ILogger logger, Exception exception);
}
