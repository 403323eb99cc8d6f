namespace EmailConnector.Core.Recipients;

// Linked into the net462 plugin assembly (EmailConnector.Core.LinkedRules.props): plain C# only.

/// <summary>
/// Why a marketing-list member is not transferred. A member gets exactly one reason, the first that applies in this
/// precedence order (which is also the numeric order, and both are stable because CRM stores the value):
/// <list type="number">
/// <item>the person's own opt-out — <see cref="DoNotBulkEmail"/>, then <see cref="UnsubscribedFromList"/>, then
/// <see cref="Suppressed"/> — because it outlives every data fix: correcting the address must not make an opted-out
/// member look transferable;</item>
/// <item>the address itself — <see cref="NoAddress"/>, <see cref="MalformedAddress"/> — data a user can fix;</item>
/// <item>what the platform told us about a well-formed address — <see cref="InvalidAddress"/>, <see cref="Bounced"/>;</item>
/// <item><see cref="DuplicateAddress"/> last: it is decided only among members that would otherwise be transferred.</item>
/// </list>
/// </summary>
public enum ExclusionReason
{
    /// <summary>Not excluded: the member is transferred.</summary>
    None = 0,

    /// <summary>Bulk email "Do Not Allow" (<c>donotbulkemail</c>) or email "Do Not Allow" (<c>donotemail</c>).</summary>
    DoNotBulkEmail = 1,

    /// <summary>The member left this list or campaign activity (an <c>ec_listunsubscribe</c> row).</summary>
    UnsubscribedFromList = 2,

    /// <summary>The address is on the suppression list (<c>ec_suppression</c>: global unsubscribe, complaint, …).</summary>
    Suppressed = 3,

    /// <summary>The member has no email address.</summary>
    NoAddress = 4,

    /// <summary>The address is not a mailable address (see <see cref="EmailAddressRules"/>).</summary>
    MalformedAddress = 5,

    /// <summary>The address is flagged invalid (<c>ec_emailinvalid</c>), usually after a hard bounce.</summary>
    InvalidAddress = 6,

    /// <summary>The address hard-bounced (bounce category hard) and has not been changed since.</summary>
    Bounced = 7,

    /// <summary>Another member with the same address is transferred instead (household policy).</summary>
    DuplicateAddress = 8,
}
