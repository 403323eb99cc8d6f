using EmailConnector.Core.Reactions;

namespace EmailConnector.Core.Platforms;

/// <summary>
/// An email platform (Dotdigital, the built-in SMTP platform, Inxmail, a test platform) as the sync worker sees it.
/// The worker depends on nothing else; every adapter passes <c>EmailPlatformContractTests</c>.
/// </summary>
/// <remarks>
/// <para>Rules every member follows:</para>
/// <list type="bullet">
/// <item>Recipients are keyed by their CRM record (<see cref="RecordReference"/>), never by address: an address change
/// is a rename of the same platform contact.</item>
/// <item>Every call is safe to repeat (the worker is at-least-once): a repeated call has the effect of one call.</item>
/// <item>Nothing re-subscribes a recipient who unsubscribed or is suppressed; resubscribing is never automatic.</item>
/// <item>A member needing a feature the platform lacks (<see cref="PlatformCapabilities"/>) throws
/// <see cref="PlatformFeatureNotSupportedException"/> before any effect.</item>
/// <item>Failures surface as <see cref="EmailPlatformException"/>s: <see cref="PlatformThrottledException"/> and
/// <see cref="PlatformTransientException"/> are retried, <see cref="PlatformPermanentException"/> parks the request.
/// Invalid arguments (a batch above <see cref="PlatformCapabilities.MaxImportBatchSize"/>) throw
/// <see cref="ArgumentException"/>, a defect in the caller.</item>
/// <item>Per-record problems (an address the platform refuses) are outcomes, not exceptions: one bad record never fails
/// a batch.</item>
/// </list>
/// </remarks>
public interface IEmailPlatform
{
    /// <summary>What the platform can do, and its limits. Constant for the lifetime of the instance.</summary>
    PlatformCapabilities Capabilities { get; }

    /// <summary>
    /// Returns the list for <see cref="ListDefinition.Key"/> (a campaign activity, or a synced marketing list), creating
    /// it on the first call. Idempotent by key: a repeated call returns the same list and never creates a second one.
    /// A name already used by another list is made unique by the platform; the name actually used is returned.
    /// </summary>
    Task<PlatformList> EnsureListAsync(ListDefinition list, CancellationToken cancellationToken);

    /// <summary>
    /// Adds or updates a batch of recipients (at most <see cref="PlatformCapabilities.MaxImportBatchSize"/>) and
    /// subscribes them to the list. Recipients are matched to existing platform contacts by record; an existing
    /// contact is updated (renamed when its address changed), never duplicated. Recipients who unsubscribed from the
    /// list or are suppressed stay so: their outcome is <see cref="RecipientOutcomeKind.Rejected"/> with
    /// <see cref="RejectionReason.Unsubscribed"/> or <see cref="RejectionReason.Suppressed"/>. Returns one outcome per
    /// recipient, in input order.
    /// </summary>
    Task<ImportResult> ImportRecipientsAsync(string listId, IReadOnlyList<PlatformRecipient> recipients, CancellationToken cancellationToken);

    /// <summary>
    /// Updates one known recipient's address and fields on the platform contact keyed by its record (a rename keeps the
    /// contact, its lists and its history). Does not subscribe anyone. <see cref="RecipientOutcomeKind.NotFound"/> when
    /// the record was never transferred.
    /// </summary>
    Task<RecipientOutcome> UpdateRecipientAsync(PlatformRecipient recipient, CancellationToken cancellationToken);

    /// <summary>
    /// The platform's view of one recipient, optionally with its status on one list; null when the platform has no
    /// contact for the record.
    /// </summary>
    Task<PlatformRecipientState?> GetRecipientAsync(RecordReference record, string? listId, CancellationToken cancellationToken);

    /// <summary>
    /// Unsubscribes a recipient from one list (<see cref="UnsubscribeRequest.ListId"/> set; needs
    /// <see cref="PlatformFeatures.ListLevelUnsubscribe"/>) or from everything (null). An unknown record is not an
    /// error: <see cref="ChangeOutcome.NotFound"/>.
    /// </summary>
    Task<ChangeOutcome> UnsubscribeAsync(UnsubscribeRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Puts an address on the platform's account-wide suppression list, whether or not a contact has it (CRM's
    /// suppression list, complaints, do-not-bulk-email of a never-transferred record).
    /// </summary>
    Task<ChangeOutcome> SuppressAsync(SuppressionRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the recipient's personal data from the platform (contact, fields, list memberships, event history),
    /// keeping only what the platform needs to honour an earlier opt-out. Needs <see cref="PlatformFeatures.Erase"/>.
    /// An unknown record is not an error: <see cref="ChangeOutcome.NotFound"/>.
    /// </summary>
    Task<ChangeOutcome> EraseRecipientAsync(RecordReference record, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the account's suppressions (for reconciliation with CRM's do-not-bulk-email). Start with a null
    /// page token and follow <see cref="SuppressionPage.NextPageToken"/> until it is null.
    /// </summary>
    Task<SuppressionPage> GetSuppressionsAsync(SuppressionQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// One page of a reaction feed after <see cref="ReactionFeedRequest.Cursor"/> (null: from the start of what the
    /// platform keeps). Read pages until <see cref="ReactionPage.HasMore"/> is false and store the last
    /// <see cref="ReactionPage.NextCursor"/>. Without overlap every event arrives exactly once across pages and pulls;
    /// with <see cref="ReactionFeedRequest.Overlap"/> the first page of a pull may repeat events from that window
    /// before the cursor (for platforms that record events late), always with the same
    /// <see cref="ReactionEvent.EventId"/>. Continuation cursors (<see cref="ReactionPage.HasMore"/> true) ignore the
    /// overlap, so a pull always progresses. Needs the feature of the feed (<see cref="PlatformCapabilities.Supports(ReactionFeed)"/>).
    /// </summary>
    Task<ReactionPage> ReadReactionsAsync(ReactionFeedRequest request, CancellationToken cancellationToken);

    /// <summary>The key figures of what was mailed to the list. Needs <see cref="PlatformFeatures.Reports"/>.</summary>
    Task<KeyFigures> GetKeyFiguresAsync(string listId, CancellationToken cancellationToken);

    /// <summary>
    /// Sends (or schedules) a mailing to the list's subscribed recipients. Idempotent by
    /// <see cref="MailingRequest.Key"/>: a repeated call returns the first call's mailing and never sends twice.
    /// Needs <see cref="PlatformFeatures.SendFromCrm"/>.
    /// </summary>
    Task<MailingHandle> SendMailingAsync(MailingRequest request, CancellationToken cancellationToken);
}
