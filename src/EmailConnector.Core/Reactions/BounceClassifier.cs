namespace EmailConnector.Core.Reactions;

/// <summary>
/// Sorts a failed delivery into <see cref="BounceCategory"/> from its RFC 3463 enhanced status, its SMTP reply code and,
/// when the codes say nothing specific, its diagnostic text. Conservative by design: only evidence that the mailbox
/// or domain does not exist makes a bounce hard, because a hard bounce marks the CRM address invalid.
/// </summary>
public static class BounceClassifier
{
    // Lower-case fragments of real-world diagnostics (Postfix, Exchange, Gmail, Yahoo); checked in this order.
    private static readonly string[] HardHints =
    [
        "user unknown", "unknown user", "no such user", "no such recipient", "recipient unknown", "unknown recipient",
        "mailbox not found", "mailbox unavailable", "does not exist", "doesn't exist", "invalid recipient",
        "address rejected", "no mailbox", "account has been disabled", "account disabled", "host or domain name not found",
        "domain not found", "no mx", "nxdomain",
    ];

    private static readonly string[] BlockedHints =
    [
        "spam", "blocked", "blacklist", "blocklist", "denylist", "policy", "reputation", "dmarc", "spf", "dkim",
        "not authorized", "rejected for policy", "access denied", "banned",
    ];

    private static readonly string[] SoftHints =
    [
        "mailbox full", "quota", "over quota", "insufficient storage", "try again", "temporarily", "greylist",
        "too many connections", "rate limit", "deferred", "message too large", "size limit",
    ];

    /// <summary>Classifies from the text of a DSN <c>Status</c>/<c>Diagnostic-Code</c> or an SMTP reply.</summary>
    public static BounceCategory Classify(string? statusOrDiagnostic) =>
        Classify(SmtpStatus.Parse(statusOrDiagnostic), statusOrDiagnostic);

    /// <summary>Classifies from parsed codes and the diagnostic text; both may be missing.</summary>
    public static BounceCategory Classify(SmtpStatus? status, string? diagnostic)
    {
        if (status?.Class == 2)
            throw new ArgumentException($"{status} is a success status, not a bounce.", nameof(status));

        if (status?.EnhancedCode is not null)
        {
            var byCode = ByEnhancedCode(status.Class!.Value, status.Subject!.Value, status.Detail!.Value);
            if (byCode is not null)
                return byCode.Value;
        }
        if (status?.Class == 4)
            return BounceCategory.Soft; // 4xx is transient whatever the text says

        var byText = ByDiagnostic(diagnostic);
        if (byText is not null)
            return byText.Value;

        return status?.ReplyCode switch
        {
            551 or 553 => BounceCategory.Hard, // user not local / mailbox name not allowed
            552 => BounceCategory.Soft,        // exceeded storage allocation
            _ => BounceCategory.Unknown,       // 550 and 554 cover both unknown mailboxes and policy refusals
        };
    }

    // Null = "other/undefined" detail: the code alone does not decide, so the diagnostic text gets a say.
    private static BounceCategory? ByEnhancedCode(int cls, int subject, int detail)
    {
        if (cls == 4)
        {
            // A temporary policy refusal (4.7.x, e.g. Gmail's rate-limit deferrals) is still only a deferral.
            return BounceCategory.Soft;
        }
        return (subject, detail) switch
        {
            (0, 0) => null,
            (1, 0) => null,
            (1, 7 or 8) => BounceCategory.Blocked, // the *sender's* address was refused: not the recipient's fault
            (1, _) => BounceCategory.Hard,         // bad mailbox, bad domain, bad syntax, moved, null MX (RFC 7505)
            (2, 1) => BounceCategory.Hard,         // mailbox disabled, not accepting messages
            (2, _) => BounceCategory.Soft,         // mailbox full (2.2) by convention, message too big (2.3), …
            (3, _) => BounceCategory.Soft,         // the receiving mail system is full or not accepting now
            (4, 4) => BounceCategory.Hard,         // unable to route: the domain has no mail host
            (4, _) => BounceCategory.Soft,         // network and routing trouble
            (5, _) => BounceCategory.Unknown,      // protocol errors say nothing about the mailbox
            (6, _) => BounceCategory.Blocked,      // content refused (media, conversion)
            (7, _) => BounceCategory.Blocked,      // security and policy (incl. RFC 7372 authentication codes)
            _ => null,
        };
    }

    private static BounceCategory? ByDiagnostic(string? diagnostic)
    {
        if (string.IsNullOrWhiteSpace(diagnostic))
            return null;
        var text = diagnostic.ToLowerInvariant();
        if (SoftHints.Any(text.Contains))
            return BounceCategory.Soft;
        if (BlockedHints.Any(text.Contains))
            return BounceCategory.Blocked;
        if (HardHints.Any(text.Contains))
            return BounceCategory.Hard;
        return null;
    }
}
