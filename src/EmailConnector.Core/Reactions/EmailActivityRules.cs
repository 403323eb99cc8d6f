namespace EmailConnector.Core.Reactions;

/// <summary>The activity's "create email activity" option.</summary>
public enum EmailActivityMode
{
    /// <summary>No email activity.</summary>
    None = 0,

    /// <summary>One closed email activity per recipient carrying the mailing's subject.</summary>
    Subject = 1,

    /// <summary>Subject plus the impersonal copy of the mailing ("Dear reader" instead of the personal salutation).</summary>
    Complete = 2,
}

/// <summary>The content of one recipient's email activity.</summary>
public sealed record EmailActivityContent(string Subject, string? Body);

/// <summary>
/// Email activities: at most one per recipient per campaign activity, created from the send event only, with as much
/// content as the mode asks for. The impersonal body is the same for every recipient, so no personal data is copied.
/// </summary>
public static class EmailActivityRules
{
    /// <summary>Dataverse's limit on <c>email.subject</c>.</summary>
    public const int MaxSubjectLength = 200;

    public static bool ShouldCreate(EmailActivityMode mode, ReactionKind kind)
    {
        if (!Enum.IsDefined(mode))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown email activity mode.");
        return mode != EmailActivityMode.None && kind == ReactionKind.Sent;
    }

    /// <summary>What to write; null for <see cref="EmailActivityMode.None"/>.</summary>
    public static EmailActivityContent? ContentFor(EmailActivityMode mode, string subject, string? impersonalBody)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return mode switch
        {
            EmailActivityMode.None => null,
            EmailActivityMode.Subject => new EmailActivityContent(Truncate(subject), null),
            EmailActivityMode.Complete when string.IsNullOrEmpty(impersonalBody) =>
                throw new ArgumentException("Complete mode needs the impersonal body of the mailing.", nameof(impersonalBody)),
            EmailActivityMode.Complete => new EmailActivityContent(Truncate(subject), impersonalBody),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown email activity mode."),
        };
    }

    /// <summary>The activity's alternate-key value: one per campaign activity and recipient.</summary>
    public static string ActivityKey(Guid campaignActivityId, RecordReference recipient) =>
        "email:" + CampaignResponseRules.ResponseKey(campaignActivityId, recipient);

    private static string Truncate(string subject) => Mapping.TextRules.Truncate(subject, MaxSubjectLength);
}
