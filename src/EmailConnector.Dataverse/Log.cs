using Microsoft.Extensions.Logging;

namespace EmailConnector.Dataverse;

/// <summary>
/// The client's log messages, event ids 4000–4999. They name operations (<c>Update contacts</c>), statuses and
/// timings, never URLs with key values, row contents or secrets.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning,
        Message = "Dataverse throttled {Operation}: {StatusCode} {ErrorCode}, waiting {RetryAfterSeconds}s before attempt {Attempt}")]
    public static partial void Throttled(ILogger logger, string operation, int statusCode, string errorCode, double retryAfterSeconds, int attempt);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning,
        Message = "Dataverse {Operation} failed transiently ({Failure}), retrying in {DelaySeconds}s (attempt {Attempt})")]
    public static partial void RetryingTransient(ILogger logger, string operation, string failure, double delaySeconds, int attempt);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug,
        Message = "Dataverse token for client {ClientId} from {TokenSource}, expires {ExpiresOn:o}")]
    public static partial void TokenAcquired(ILogger logger, string clientId, string tokenSource, DateTimeOffset expiresOn);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning,
        Message = "Dataverse answered 401 to {Method}; refreshing the token and trying once more")]
    public static partial void TokenRejected(ILogger logger, string method);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information,
        Message = "Dataverse {Operation} failed: {StatusCode} {ErrorCode}")]
    public static partial void CallFailed(ILogger logger, string operation, int statusCode, string errorCode);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug,
        Message = "Dataverse {Operation} page {PageNumber}: {RowCount} rows")]
    public static partial void PageRead(ILogger logger, string operation, int pageNumber, int rowCount);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Debug,
        Message = "Dataverse $batch of {RequestCount} requests: {FailureCount} failed")]
    public static partial void BatchCompleted(ILogger logger, int requestCount, int failureCount);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information,
        Message = "Dataverse {Operation} of {RowCount} rows in {ChunkCount} chunks")]
    public static partial void BulkCompleted(ILogger logger, string operation, int rowCount, int chunkCount);
}
