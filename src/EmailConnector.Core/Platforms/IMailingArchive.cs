namespace EmailConnector.Core.Platforms;

/// <summary>A sent mailing as CRM may keep it: what every recipient got, without anyone's personalisation.</summary>
/// <param name="Subject">The mailing's subject.</param>
/// <param name="FromAddress">The sender address it went out with.</param>
/// <param name="FromName">The sender's display name.</param>
/// <param name="ImpersonalHtmlBody">
/// The body rendered for nobody in particular ("Dear reader" instead of the personal salutation); null when the
/// platform cannot render one.
/// </param>
public sealed record MailingContent(string Subject, string? FromAddress, string? FromName, string? ImpersonalHtmlBody);

/// <summary>
/// Optional for an <see cref="IEmailPlatform"/>: the content of a sent mailing, for email activities in the Subject and
/// Complete modes. A platform without it gets email activities with the campaign activity's subject and sender.
/// </summary>
public interface IMailingArchive
{
    /// <summary>The mailing's content; null when the platform does not know the mailing.</summary>
    Task<MailingContent?> GetMailingContentAsync(string mailingId, CancellationToken cancellationToken);
}
