namespace EmailConnector.Core.Platforms;

/// <summary>A mailing to send to a list from CRM.</summary>
/// <param name="Key">Idempotency key (e.g. the campaign activity plus a send number); one mailing per key, ever.</param>
/// <param name="ListId">The list to mail.</param>
/// <param name="Subject">The subject.</param>
/// <param name="FromAddress">The sender address (must be one the platform accepts).</param>
/// <param name="FromName">The sender's display name.</param>
/// <param name="ReplyToAddress">The reply-to address.</param>
/// <param name="HtmlBody">The HTML body, with the platform's personalisation placeholders.</param>
/// <param name="TextBody">The plain-text alternative.</param>
/// <param name="SendAt">When to send; null for now.</param>
public sealed record MailingRequest(
    string Key,
    string ListId,
    string Subject,
    string FromAddress,
    string? FromName,
    string? ReplyToAddress,
    string HtmlBody,
    string? TextBody = null,
    DateTimeOffset? SendAt = null);

/// <summary>Where a mailing is.</summary>
public enum MailingStatus
{
    Scheduled = 1,
    Sending = 2,
    Sent = 3,
    Cancelled = 4,
}

/// <summary>A mailing on the platform.</summary>
/// <param name="MailingId">The platform's id.</param>
/// <param name="Status">Its status.</param>
/// <param name="Created">True when this call created it; false when the key had been used before.</param>
public sealed record MailingHandle(string MailingId, MailingStatus Status, bool Created);
