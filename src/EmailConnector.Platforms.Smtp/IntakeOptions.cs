using System.ComponentModel.DataAnnotations;

namespace EmailConnector.Platforms.Smtp;

/// <summary>Where bounces, complaints and replies arrive.</summary>
public enum IntakeMode
{
    /// <summary>No mailbox is read.</summary>
    None = 0,

    /// <summary>A Maildir folder (<c>new/</c>, <c>cur/</c>) the MTA delivers to.</summary>
    Maildir = 1,

    /// <summary>An IMAP mailbox, read with MailKit.</summary>
    Imap = 2,
}

/// <summary>The bounce (and reply) mailbox.</summary>
public sealed class IntakeOptions
{
    public IntakeMode Mode { get; set; } = IntakeMode.None;

    /// <summary>The Maildir folder of <see cref="IntakeMode.Maildir"/>.</summary>
    public string? MaildirPath { get; set; }

    public string? ImapHost { get; set; }

    [Range(1, 65535)]
    public int ImapPort { get; set; } = 993;

    public RelaySecurity ImapSecurity { get; set; } = RelaySecurity.SslOnConnect;

    public string? ImapUserName { get; set; }

    public string? ImapPassword { get; set; }

    [Required]
    public string ImapFolder { get; set; } = "INBOX";

    public bool AcceptAnyCertificate { get; set; }

    /// <summary>Messages read per round.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;
}
