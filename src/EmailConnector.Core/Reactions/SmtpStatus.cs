using System.Globalization;
using System.Text.RegularExpressions;

namespace EmailConnector.Core.Reactions;

/// <summary>
/// An SMTP outcome: the RFC 5321 basic reply code (<c>550</c>) and/or the RFC 3463 enhanced status code
/// (<c>5.1.1</c>, class.subject.detail).
/// </summary>
public sealed partial record SmtpStatus(int? ReplyCode, string? EnhancedCode)
{
    /// <summary>The class digit: 2 success, 4 persistent transient failure, 5 permanent failure.</summary>
    public int? Class => EnhancedCode is not null ? EnhancedCode[0] - '0' : ReplyCode / 100;

    /// <summary>The enhanced subject (1 addressing, 2 mailbox, 3 mail system, 4 network, 5 protocol, 6 content, 7 policy).</summary>
    public int? Subject => EnhancedCode is null ? null : int.Parse(EnhancedCode.Split('.')[1], CultureInfo.InvariantCulture);

    /// <summary>The enhanced detail number.</summary>
    public int? Detail => EnhancedCode is null ? null : int.Parse(EnhancedCode.Split('.')[2], CultureInfo.InvariantCulture);

    /// <summary>The code to store: the enhanced one when known, else the reply code.</summary>
    public override string ToString() => EnhancedCode ?? ReplyCode?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>
    /// Reads the codes from a DSN <c>Status</c> field, an SMTP reply line or a diagnostic text such as
    /// <c>smtp; 550 5.1.1 &lt;x@example.com&gt;: Recipient address rejected</c>. Null when neither code is present.
    /// </summary>
    public static SmtpStatus? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var enhanced = EnhancedPattern().Match(text);
        var reply = ReplyPattern().Match(text);
        int? replyCode = reply.Success ? int.Parse(reply.Value, CultureInfo.InvariantCulture) : null;
        string? enhancedCode = enhanced.Success ? Canonical(enhanced.Groups[1].Value, enhanced.Groups[2].Value, enhanced.Groups[3].Value) : null;
        return replyCode is null && enhancedCode is null ? null : new SmtpStatus(replyCode, enhancedCode);
    }

    // RFC 3463: class is 2, 4 or 5; subject and detail are 1–3 digits without meaningful leading zeros.
    private static string Canonical(string cls, string subject, string detail) =>
        $"{cls}.{int.Parse(subject, CultureInfo.InvariantCulture)}.{int.Parse(detail, CultureInfo.InvariantCulture)}";

    [GeneratedRegex(@"(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.])", RegexOptions.CultureInvariant)]
    private static partial Regex EnhancedPattern();

    [GeneratedRegex(@"(?<![\d.])[245][0-5]\d(?![\d.])", RegexOptions.CultureInvariant)]
    private static partial Regex ReplyPattern();
}
