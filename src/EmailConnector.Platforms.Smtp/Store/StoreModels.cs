using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;

namespace EmailConnector.Platforms.Smtp.Store;

internal sealed record StoredList(long Id, RecordReference Key, string Name, string? SenderAddress, string? ReplyToAddress);

internal sealed record StoredRecipient(long Id, RecordReference Record, string? Email, IReadOnlyDictionary<string, string?> Fields, bool GlobalOptOut, bool Erased);

/// <summary>A mailing as stored: the compiled templates (<c>MailingTemplate</c>) and its link table.</summary>
internal sealed record StoredMailing(
    long Id,
    string Key,
    long ListId,
    string Subject,
    string FromAddress,
    string? FromName,
    string? ReplyTo,
    string HtmlTemplate,
    string TextTemplate,
    DateTimeOffset SendAt,
    MailingStatus Status);

/// <summary>A new mailing and its links (index → URL template).</summary>
internal sealed record NewMailing(
    string Key,
    long ListId,
    string Subject,
    string FromAddress,
    string? FromName,
    string? ReplyTo,
    string HtmlTemplate,
    string TextTemplate,
    DateTimeOffset SendAt,
    IReadOnlyList<string> Links);

/// <summary>Delivery states. Values are stored.</summary>
internal enum DeliveryStatus
{
    Pending = 1,
    Deferred = 2,
    Sent = 3,

    /// <summary>Refused for good (5xx, retries exhausted).</summary>
    Failed = 4,

    /// <summary>Not sent: the recipient left the list or was suppressed before the message went out.</summary>
    Cancelled = 5,
}

/// <summary>One message to send, as claimed by a dispatcher.</summary>
internal sealed record DeliveryWork(
    long DeliveryId,
    long MailingId,
    long ListId,
    long RecipientId,
    RecordReference Record,
    string Email,
    string Domain,
    IReadOnlyDictionary<string, string?> Fields,
    int Attempts);

/// <summary>What a delivery's tracking and intake need to attribute a reaction.</summary>
internal sealed record DeliveryInfo(
    long DeliveryId,
    long MailingId,
    long ListId,
    long RecipientId,
    RecordReference Record,
    string? Email,
    DateTimeOffset? SentAt,
    IReadOnlyDictionary<string, string?> Fields);

/// <summary>What happened to one delivery attempt.</summary>
internal enum AttemptOutcome
{
    Sent = 1,

    /// <summary>Refused for good: a bounce event with the category, a suppression when hard.</summary>
    Rejected = 2,

    /// <summary>Refused for now (4xx): retried at <see cref="AttemptResult.RetryAt"/>, or failed once attempts run out.</summary>
    Deferred = 3,

    /// <summary>Not attempted (domain throttled, relay unreachable): back to the queue, no attempt counted.</summary>
    Released = 4,
}

internal sealed record AttemptResult(
    DeliveryWork Work,
    AttemptOutcome Outcome,
    DateTimeOffset At,
    string? StatusCode = null,
    string? Diagnostic = null,
    BounceCategory? Category = null,
    DateTimeOffset? RetryAt = null);

/// <summary>An event row; <see cref="ToReaction"/> gives the contract's shape.</summary>
internal sealed record StoredEvent
{
    public required string EventId { get; init; }

    public required ReactionKind Kind { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public long Sequence { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public RecordReference? Record { get; init; }

    public long? ListId { get; init; }

    public long? MailingId { get; init; }

    public long? DeliveryId { get; init; }

    public string? Email { get; init; }

    public string? Url { get; init; }

    public string? IpAddress { get; init; }

    public string? UserAgent { get; init; }

    public bool IsMachine { get; init; }

    public string? MachineReason { get; init; }

    public BounceCategory? BounceCategory { get; init; }

    public string? StatusCode { get; init; }

    public string? Diagnostic { get; init; }

    public UnsubscribeScope? UnsubscribeScope { get; init; }

    public ReactionEvent ToReaction() => new ReactionEvent
    {
        EventId = EventId,
        Kind = Kind,
        OccurredAt = OccurredAt,
        Record = Record,
        ListId = ListId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        MailingId = MailingId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        EmailAddress = Email,
        Url = Url,
        IpAddress = IpAddress,
        UserAgent = UserAgent,
        IsMachine = IsMachine,
        BounceCategory = BounceCategory,
        StatusCode = StatusCode,
        Diagnostic = Diagnostic,
        UnsubscribeScope = UnsubscribeScope,
    }.Validate();
}

/// <summary>How the intake classified an inbound message. Values are stored as text.</summary>
internal enum InboundKind
{
    Bounce,
    Delay,
    DeliveryReport,
    Complaint,
    Reply,
    AutoReply,
    Unsubscribe,

    /// <summary>Not parseable or not attributable: kept with its raw bytes and counted.</summary>
    Unknown,
}
