namespace EmailConnector.Core.Platforms;

/// <summary>An unsubscribe: from one list, or (without <see cref="ListId"/>) from everything.</summary>
/// <param name="Record">The recipient.</param>
/// <param name="ListId">The list to leave; null for a global unsubscribe.</param>
public sealed record UnsubscribeRequest(RecordReference Record, string? ListId = null)
{
    public bool IsGlobal => ListId is null;
}

/// <summary>Why an address is suppressed. Values are stable: CRM stores them.</summary>
public enum SuppressionReason
{
    /// <summary>A global unsubscribe (at the platform or CRM's do-not-bulk-email).</summary>
    Unsubscribed = 1,
    HardBounce = 2,

    /// <summary>A spam complaint (feedback loop, ISP complaint).</summary>
    Complaint = 3,

    /// <summary>Put on the list by a person (CRM's suppression list, the platform's blocklist).</summary>
    Manual = 4,

    /// <summary>Anything else the platform reports (blocked domain, no MX …).</summary>
    Other = 5,
}

/// <summary>An address to suppress account-wide, optionally with the record it belongs to.</summary>
public sealed record SuppressionRequest(string EmailAddress, SuppressionReason Reason, RecordReference? Record = null);

/// <summary>One suppressed address.</summary>
/// <param name="EmailAddress">The address, normalised as <c>EmailAddressRules.Normalize</c> does.</param>
/// <param name="Reason">Why.</param>
/// <param name="Since">When it was suppressed.</param>
/// <param name="Record">The CRM record of the contact, when the platform knows it.</param>
public sealed record SuppressionEntry(string EmailAddress, SuppressionReason Reason, DateTimeOffset Since, RecordReference? Record);

/// <summary>A request for one page of suppressions.</summary>
/// <param name="PageToken">Null for the first page, then the previous page's <see cref="SuppressionPage.NextPageToken"/>.</param>
/// <param name="PageSize">Most entries wanted; the platform may return fewer.</param>
public sealed record SuppressionQuery(string? PageToken = null, int PageSize = 1000);

/// <summary>One page of suppressions.</summary>
public sealed record SuppressionPage(IReadOnlyList<SuppressionEntry> Entries, string? NextPageToken);
