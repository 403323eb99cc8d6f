namespace EmailConnector.Core.Reactions;

/// <summary>
/// One reaction, normalised from whatever the platform reports. Only the members that belong to <see cref="Kind"/> are
/// set; <see cref="Validate"/> enforces that, so every adapter produces the same shapes.
/// </summary>
public sealed record ReactionEvent
{
    /// <summary>
    /// The platform's own id of the event, or one derived from its content with <see cref="ReactionEventIds.Derive"/>
    /// when the platform has none. Stable: the same event read twice (overlap window, retry) carries the same id.
    /// </summary>
    public required string EventId { get; init; }

    public required ReactionKind Kind { get; init; }

    /// <summary>When the recipient reacted (not when the platform processed it).</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The CRM record the platform contact belongs to; null for events of unknown people (new subscribers).</summary>
    public RecordReference? Record { get; init; }

    /// <summary>The platform list (the campaign activity's list) the reaction belongs to, when known.</summary>
    public string? ListId { get; init; }

    /// <summary>The platform mailing, when known.</summary>
    public string? MailingId { get; init; }

    /// <summary>The address involved: needed for new subscribers and suppressions; never logged.</summary>
    public string? EmailAddress { get; init; }

    /// <summary>Clicks: the link.</summary>
    public string? Url { get; init; }

    /// <summary>Opens and clicks.</summary>
    public string? IpAddress { get; init; }

    /// <summary>Opens and clicks.</summary>
    public string? UserAgent { get; init; }

    /// <summary>Opens and clicks the platform attributes to a machine (privacy proxy, link scanner), not a person.</summary>
    public bool IsMachine { get; init; }

    /// <summary>Bounces.</summary>
    public BounceCategory? BounceCategory { get; init; }

    /// <summary>Bounces: the RFC 3463 enhanced status (<c>5.1.1</c>) or, failing that, the SMTP reply code (<c>550</c>).</summary>
    public string? StatusCode { get; init; }

    /// <summary>Bounces: the receiving server's diagnostic text.</summary>
    public string? Diagnostic { get; init; }

    /// <summary>Unsubscribes.</summary>
    public UnsubscribeScope? UnsubscribeScope { get; init; }

    /// <summary>New subscribers: the platform's fields (already named as the platform names them).</summary>
    public IReadOnlyDictionary<string, string?>? Fields { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> when the event does not have the shape its kind requires.</summary>
    public ReactionEvent Validate()
    {
        if (string.IsNullOrWhiteSpace(EventId))
            throw Invalid("has no event id");
        switch (Kind)
        {
            case ReactionKind.Click when string.IsNullOrWhiteSpace(Url):
                throw Invalid("is a click without a URL");
            case ReactionKind.Bounce when BounceCategory is null:
                throw Invalid("is a bounce without a category");
            case ReactionKind.Unsubscribe when UnsubscribeScope is null:
                throw Invalid("is an unsubscribe without a scope");
            case ReactionKind.Unsubscribe when UnsubscribeScope == Reactions.UnsubscribeScope.List && ListId is null:
                throw Invalid("is a list unsubscribe without a list");
            case ReactionKind.Subscribe when string.IsNullOrWhiteSpace(EmailAddress):
                throw Invalid("is a subscription without an address");
        }
        if (Kind != ReactionKind.Subscribe && Record is null)
            throw Invalid("names no CRM record");
        return this;
    }

    private ArgumentException Invalid(string what) => new($"Reaction event {EventId} ({Kind}) {what}.");
}
