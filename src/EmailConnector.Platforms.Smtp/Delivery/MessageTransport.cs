using MimeKit;

namespace EmailConnector.Platforms.Smtp.Delivery;

/// <summary>How the receiving side answered one transaction.</summary>
internal enum TransportOutcome
{
    Accepted = 1,

    /// <summary>5xx to RCPT TO: the recipient does not exist or is refused for good.</summary>
    RecipientRejected = 2,

    /// <summary>5xx after DATA: the message (content, policy) was refused for good.</summary>
    MessageRejected = 3,

    /// <summary>4xx anywhere: try again later.</summary>
    Deferred = 4,
}

/// <param name="Outcome">The outcome.</param>
/// <param name="ReplyCode">The SMTP reply code (250, 550 …); null for the pickup folder.</param>
/// <param name="Text">The server's reply text (may quote the recipient address: stored, never logged).</param>
internal sealed record TransportReply(TransportOutcome Outcome, int? ReplyCode, string? Text)
{
    public static readonly TransportReply Queued = new(TransportOutcome.Accepted, null, "queued in the pickup folder");
}

/// <summary>The relay cannot be used right now (unreachable, refused our connection or our sender): nothing was sent.</summary>
internal sealed class TransportUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Where messages go: a pickup folder or an SMTP relay.</summary>
internal interface IMessageTransport
{
    /// <summary>A session for many transactions (one reused SMTP connection). Not shared between threads.</summary>
    Task<ITransportSession> OpenSessionAsync(CancellationToken cancellationToken);
}

internal interface ITransportSession : IAsyncDisposable
{
    /// <summary>One transaction: MAIL FROM the envelope sender, RCPT TO the one recipient, DATA.</summary>
    /// <exception cref="TransportUnavailableException">The connection failed; the message was not sent.</exception>
    Task<TransportReply> SendAsync(MimeMessage message, MailboxAddress envelopeSender, MailboxAddress recipient, string envelopeId, CancellationToken cancellationToken);
}
