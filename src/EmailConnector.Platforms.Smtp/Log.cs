using Microsoft.Extensions.Logging;

namespace EmailConnector.Platforms.Smtp;

/// <summary>
/// The platform's log lines (event ids 3000–3999). They name mailings, deliveries, lists and domains, never
/// addresses, names, subjects or bodies.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(3000, LogLevel.Information, "SMTP platform store ready: {Provider}, schema version {Version} ({Applied} steps applied)")]
    public static partial void StoreReady(ILogger logger, string provider, int version, int applied);

    [LoggerMessage(3001, LogLevel.Warning, "No TokenSecret configured: using the key generated and kept in the store")]
    public static partial void UsingStoredTokenKey(ILogger logger);

    [LoggerMessage(3002, LogLevel.Warning, "No DKIM key configured and AllowUnsignedForLocalUse is set: messages go out unsigned (local use only)")]
    public static partial void SendingUnsigned(ILogger logger);

    [LoggerMessage(3010, LogLevel.Information, "Mailing {MailingId} created for list {ListId}: {Links} tracked links, sends at {SendAt:o}")]
    public static partial void MailingCreated(ILogger logger, long mailingId, long listId, int links, DateTimeOffset sendAt);

    [LoggerMessage(3011, LogLevel.Information, "Mailing key already used: returning mailing {MailingId} without sending again")]
    public static partial void MailingReused(ILogger logger, long mailingId);

    [LoggerMessage(3012, LogLevel.Warning, "Mailing HTML sanitised: removed {Removed}")]
    public static partial void HtmlSanitized(ILogger logger, string removed);

    [LoggerMessage(3013, LogLevel.Information, "Mailing {MailingId} started")]
    public static partial void MailingStarted(ILogger logger, long mailingId);

    [LoggerMessage(3014, LogLevel.Information, "Test message of mailing {MailingId} sent: {Outcome}")]
    public static partial void TestSent(ILogger logger, long mailingId, string outcome);

    [LoggerMessage(3020, LogLevel.Information, "Dispatch round: {Sent} sent, {Rejected} rejected, {Deferred} deferred, {Released} postponed in {Seconds:0.###} s")]
    public static partial void DispatchRound(ILogger logger, int sent, int rejected, int deferred, int released, double seconds);

    [LoggerMessage(3021, LogLevel.Information, "Delivery {DeliveryId} refused for good ({Code}): {Category} bounce")]
    public static partial void DeliveryRejected(ILogger logger, long deliveryId, int? code, string category);

    [LoggerMessage(3022, LogLevel.Information, "Delivery {DeliveryId} deferred ({Code}), attempt {Attempt}; retry at {RetryAt:o}")]
    public static partial void DeliveryDeferred(ILogger logger, long deliveryId, int? code, int attempt, DateTimeOffset retryAt);

    [LoggerMessage(3023, LogLevel.Warning, "Relay unavailable, {Count} deliveries postponed to {RetryAt:o}: {Reason}")]
    public static partial void RelayUnavailable(ILogger logger, int count, DateTimeOffset retryAt, string reason);

    [LoggerMessage(3024, LogLevel.Information, "Domain {Domain} deferred a message: paused until {Until:o}")]
    public static partial void DomainPaused(ILogger logger, string domain, DateTimeOffset until);

    [LoggerMessage(3030, LogLevel.Information, "Tracking request refused at {Endpoint}: {Reason}")]
    public static partial void TrackingRefused(ILogger logger, string endpoint, string reason);

    [LoggerMessage(3031, LogLevel.Information, "Delivery {DeliveryId}: recipient unsubscribed ({Scope}) via {Channel}")]
    public static partial void Unsubscribed(ILogger logger, long deliveryId, string scope, string channel);

    [LoggerMessage(3040, LogLevel.Information, "Inbound message {SourceId}: {Kind}, delivery {DeliveryId}")]
    public static partial void InboundProcessed(ILogger logger, string sourceId, string kind, long? deliveryId);

    [LoggerMessage(3041, LogLevel.Warning, "Inbound message {SourceId} kept as unknown: {Reason}")]
    public static partial void InboundUnknown(ILogger logger, string sourceId, string reason);

    [LoggerMessage(3050, LogLevel.Error, "SMTP platform background round failed ({ErrorType}); trying again next round")]
    public static partial void BackgroundRoundFailed(ILogger logger, string errorType);
}
