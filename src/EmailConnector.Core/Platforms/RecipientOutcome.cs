namespace EmailConnector.Core.Platforms;

/// <summary>What happened to one recipient.</summary>
public enum RecipientOutcomeKind
{
    /// <summary>A new platform contact was created (and subscribed, on import).</summary>
    Imported = 1,

    /// <summary>The existing platform contact was updated (and subscribed, on import).</summary>
    Updated = 2,

    /// <summary>The platform refused the recipient; see <see cref="RecipientOutcome.Rejection"/>.</summary>
    Rejected = 3,

    /// <summary>The platform has no contact for the record (updates only).</summary>
    NotFound = 4,
}

/// <summary>Why the platform refused a recipient. Values are stable: CRM stores them.</summary>
public enum RejectionReason
{
    /// <summary>The platform considers the address invalid.</summary>
    InvalidAddress = 1,

    /// <summary>The address or contact is suppressed account-wide; it stays so.</summary>
    Suppressed = 2,

    /// <summary>The recipient unsubscribed from this list; it stays so.</summary>
    Unsubscribed = 3,

    /// <summary>Another record's contact already has the address and the platform keys contacts by address.</summary>
    DuplicateAddress = 4,

    /// <summary>The same record appears twice in one batch; the first one counts.</summary>
    DuplicateRecord = 5,

    /// <summary>A field value was refused (unknown field, too long, wrong type).</summary>
    InvalidField = 6,

    /// <summary>Anything else the platform reports per record; see the detail.</summary>
    Other = 7,
}

/// <summary>A refusal with the platform's explanation (no personal data).</summary>
public sealed record RecipientRejection(RejectionReason Reason, string Detail);

/// <summary>The outcome for one recipient.</summary>
public sealed record RecipientOutcome(RecordReference Record, RecipientOutcomeKind Kind, string? ContactId = null, RecipientRejection? Rejection = null)
{
    public static RecipientOutcome Rejected(RecordReference record, RejectionReason reason, string detail, string? contactId = null) =>
        new(record, RecipientOutcomeKind.Rejected, contactId, new RecipientRejection(reason, detail));
}

/// <summary>The outcomes of one import batch, in input order.</summary>
public sealed record ImportResult(IReadOnlyList<RecipientOutcome> Outcomes)
{
    public int Count(RecipientOutcomeKind kind) => Outcomes.Count(o => o.Kind == kind);
}

/// <summary>The outcome of a state change (unsubscribe, suppress, erase). None of them is an error.</summary>
public enum ChangeOutcome
{
    /// <summary>The change was made.</summary>
    Applied = 1,

    /// <summary>It had been made before; nothing changed.</summary>
    AlreadyApplied = 2,

    /// <summary>The platform has no such contact; there is nothing to change.</summary>
    NotFound = 3,
}
