using System;

namespace EmailConnector.Core.Recipients;

// Linked into the net462 plugin assembly (EmailConnector.Core.LinkedRules.props): plain C# only.

/// <summary>
/// What the exclusion rules need to know about one marketing-list member. The caller reads the record's columns and
/// answers the look-ups (list unsubscribes, suppression list by <see cref="EmailAddressRules.Normalize"/>d address).
/// </summary>
public sealed class RecipientCandidate
{
    public RecipientCandidate(RecordReference record, string? emailAddress)
    {
        Record = record;
        EmailAddress = emailAddress;
    }

    public RecordReference Record { get; }

    public string? EmailAddress { get; }

    /// <summary><c>donotbulkemail</c>: Bulk Email "Do Not Allow".</summary>
    public bool DoNotBulkEmail { get; set; }

    /// <summary><c>donotemail</c>: Email "Do Not Allow"; it implies no bulk email either.</summary>
    public bool DoNotEmail { get; set; }

    /// <summary>The address is flagged invalid (<c>ec_emailinvalid</c>).</summary>
    public bool EmailInvalid { get; set; }

    /// <summary>The last bounce of the current address was a hard bounce.</summary>
    public bool HardBounced { get; set; }

    /// <summary>The member has an unsubscribe row for this list or campaign activity.</summary>
    public bool UnsubscribedFromList { get; set; }

    /// <summary>The normalized address is on the suppression list.</summary>
    public bool Suppressed { get; set; }

    /// <summary>The member is the primary contact of its account (household policy <see cref="HouseholdPolicy.PrimaryContact"/>).</summary>
    public bool IsPrimaryContact { get; set; }
}
