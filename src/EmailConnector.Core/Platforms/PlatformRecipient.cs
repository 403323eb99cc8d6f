namespace EmailConnector.Core.Platforms;

/// <summary>A recipient as sent to the platform: record, address and already mapped fields.</summary>
/// <param name="Record">The CRM record: the platform contact's key.</param>
/// <param name="EmailAddress">The current address (validated by the caller).</param>
/// <param name="Fields">Platform field name → value in the wire form of <c>FieldMapper</c>; null clears the field.</param>
public sealed record PlatformRecipient(RecordReference Record, string EmailAddress, IReadOnlyDictionary<string, string?> Fields)
{
    public PlatformRecipient(RecordReference record, string emailAddress)
        : this(record, emailAddress, new Dictionary<string, string?>())
    {
    }
}

/// <summary>A recipient's status on one list.</summary>
public enum MembershipStatus
{
    /// <summary>Not on the list.</summary>
    None = 0,
    Subscribed = 1,

    /// <summary>Left the list; stays so until the person subscribes again through the platform.</summary>
    Unsubscribed = 2,
}

/// <summary>What the platform holds for one recipient.</summary>
/// <param name="Record">The CRM record.</param>
/// <param name="ContactId">The platform's contact id: unchanged by renames.</param>
/// <param name="EmailAddress">The address the platform mails.</param>
/// <param name="Fields">The platform's field values.</param>
/// <param name="GloballyUnsubscribed">Unsubscribed or suppressed account-wide.</param>
/// <param name="ListStatus">The status on the list asked for; <see cref="MembershipStatus.None"/> when none was asked.</param>
public sealed record PlatformRecipientState(
    RecordReference Record,
    string ContactId,
    string EmailAddress,
    IReadOnlyDictionary<string, string?> Fields,
    bool GloballyUnsubscribed,
    MembershipStatus ListStatus);
