using System.Text;

namespace EmailConnector.Platforms.Smtp.Tests.Support;

/// <summary>Inbound messages as receiving systems write them (RFC 3464 DSNs, RFC 5965 reports, replies), as raw text.</summary>
internal static class TestMessages
{
    /// <summary>A DSN for a message we sent, as an MTA would return it to the VERP address.</summary>
    public static byte[] Dsn(string verpAddress, string finalRecipient, string action, string status, string diagnostic, string originalMessageId, string? envelopeId = null, bool deliveredTo = true) =>
        Crlf($"""
        {(deliveredTo ? $"Delivered-To: {verpAddress}\n" : string.Empty)}Return-Path: <>
        From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
        To: {verpAddress}
        Subject: Undelivered Mail Returned to Sender
        Date: Mon, 02 Mar 2026 09:05:00 +0000
        Message-ID: <dsn.{Guid.NewGuid():N}@mx.example.net>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

        --b1
        Content-Type: text/plain; charset=us-ascii

        This is the mail system at host mx.example.net. Your message could not be delivered.

        --b1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.net
        {(envelopeId is null ? string.Empty : $"Original-Envelope-Id: {envelopeId}\n")}Arrival-Date: Mon, 02 Mar 2026 09:04:00 +0000

        Final-Recipient: rfc822; {finalRecipient}
        Original-Recipient: rfc822;{finalRecipient}
        Action: {action}
        Status: {status}
        Remote-MTA: dns; mx.example.net
        Diagnostic-Code: {diagnostic}

        --b1
        Content-Type: text/rfc822-headers

        From: News <news@example.com>
        To: {finalRecipient}
        Subject: Spring news
        Message-ID: {originalMessageId}

        --b1--
        """);

    /// <summary>An RFC 5965 abuse report; the recipient is redacted as feedback loops do.</summary>
    public static byte[] Complaint(string toAddress, string originalMailFrom, string originalMessageId) =>
        Crlf($"""
        Delivered-To: {toAddress}
        From: fbl@isp.example.net
        To: {toAddress}
        Subject: Abuse report
        Date: Mon, 02 Mar 2026 09:30:00 +0000
        Message-ID: <arf.{Guid.NewGuid():N}@isp.example.net>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=feedback-report; boundary="b2"

        --b2
        Content-Type: text/plain

        This is an email abuse report.

        --b2
        Content-Type: message/feedback-report

        Feedback-Type: abuse
        User-Agent: ExampleFBL/1.0
        Version: 1
        Original-Mail-From: <{originalMailFrom}>
        Arrival-Date: Mon, 02 Mar 2026 09:00:00 +0000

        --b2
        Content-Type: text/rfc822-headers

        From: News <news@example.com>
        To: redacted@example.com
        Subject: Spring news
        Message-ID: {originalMessageId}

        --b2--
        """);

    /// <summary>A reply (or an RFC 3834 automatic one) to a message we sent.</summary>
    public static byte[] Reply(string from, string deliveredTo, string inReplyTo, bool automatic) =>
        Crlf($"""
        Delivered-To: {deliveredTo}
        From: {from}
        To: {deliveredTo}
        Subject: {(automatic ? "Automatic reply: Spring news" : "Re: Spring news")}
        Date: Mon, 02 Mar 2026 10:00:00 +0000
        Message-ID: <reply.{Guid.NewGuid():N}@example.org>
        In-Reply-To: {inReplyTo}
        References: {inReplyTo}
        {(automatic ? "Auto-Submitted: auto-replied\n" : string.Empty)}MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        {(automatic ? "I am out of the office until Monday." : "Thanks, I am interested. Please call me.")}
        """);

    private static byte[] Crlf(string text) => Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n"));

    /// <summary>Drops a message into a Maildir's new/ folder as an MTA would.</summary>
    public static void Deliver(string maildir, byte[] message)
    {
        var tmp = Path.Combine(maildir, "tmp");
        var target = Path.Combine(maildir, "new");
        Directory.CreateDirectory(tmp);
        Directory.CreateDirectory(target);
        Directory.CreateDirectory(Path.Combine(maildir, "cur"));
        var name = $"{DateTime.UtcNow.Ticks}.{Guid.NewGuid():N}.test";
        File.WriteAllBytes(Path.Combine(tmp, name), message);
        File.Move(Path.Combine(tmp, name), Path.Combine(target, name));
    }
}
