using System;
using System.Globalization;

namespace EmailConnector.Core.Recipients;

// Linked into the net462 plugin assembly (EmailConnector.Core.LinkedRules.props): plain C# only.

/// <summary>Why an address cannot be mailed; <see cref="None"/> when it can.</summary>
public enum EmailAddressProblem
{
    None = 0,
    Missing = 1,
    TooLong = 2,
    ControlOrWhitespace = 3,
    NotOneAtSign = 4,
    LocalPartTooLong = 5,
    InvalidLocalPart = 6,
    InvalidDomain = 7,
}

/// <summary>
/// Practical RFC 5321/5322 address validation: what every platform accepts, not everything the grammar allows.
/// </summary>
public static class EmailAddressRules
{
    /// <summary>RFC 5321 §4.5.3.1.3 path limit (256) minus the angle brackets.</summary>
    public const int MaxAddressLength = 254;

    /// <summary>RFC 5321 §4.5.3.1.1.</summary>
    public const int MaxLocalPartLength = 64;

    private const int MaxDomainLength = 253;
    private const int MaxLabelLength = 63;
    private const string AtextSymbols = "!#$%&'*+/=?^_`{|}~-";

    /// <summary>True when <paramref name="address"/> is a mailable address (surrounding whitespace is ignored).</summary>
    public static bool IsValid(string? address) => Check(address) == EmailAddressProblem.None;

    /// <summary>The first problem found in <paramref name="address"/>, or <see cref="EmailAddressProblem.None"/>.</summary>
    public static EmailAddressProblem Check(string? address)
    {
        if (address is null || address.Trim().Length == 0)
            return EmailAddressProblem.Missing;
        var text = address.Trim();
        for (var i = 0; i < text.Length; i++)
        {
            // Whitespace inside an address is only legal in quoted local parts, which platforms reject anyway.
            if (char.IsControl(text[i]) || char.IsWhiteSpace(text[i]))
                return EmailAddressProblem.ControlOrWhitespace;
        }
        if (text.Length > MaxAddressLength)
            return EmailAddressProblem.TooLong;

        var at = text.IndexOf('@');
        if (at < 0 || at != text.LastIndexOf('@'))
            return EmailAddressProblem.NotOneAtSign;
        var local = text.Substring(0, at);
        var domain = text.Substring(at + 1);

        if (local.Length > MaxLocalPartLength)
            return EmailAddressProblem.LocalPartTooLong;
        if (!IsDotAtom(local))
            return EmailAddressProblem.InvalidLocalPart;
        if (!IsHostName(domain))
            return EmailAddressProblem.InvalidDomain;
        return EmailAddressProblem.None;
    }

    /// <summary>
    /// The comparison form used for duplicates and suppression look-ups: trimmed, lower case, domain in its ASCII
    /// (punycode) form. Local parts are case-sensitive in theory; no mailbox provider treats them so, and neither do
    /// the platforms, so two spellings of one mailbox count as one address.
    /// </summary>
    public static string Normalize(string address)
    {
        if (address is null)
            throw new ArgumentNullException(nameof(address));
        var text = address.Trim();
        var at = text.LastIndexOf('@');
        if (at < 0)
            return text.ToLowerInvariant();
        var domain = text.Substring(at + 1);
        string asciiDomain;
        try
        {
            asciiDomain = new IdnMapping().GetAscii(domain);
        }
        catch (ArgumentException)
        {
            asciiDomain = domain;
        }
        return (text.Substring(0, at) + "@" + asciiDomain).ToLowerInvariant();
    }

    private static bool IsDotAtom(string local)
    {
        // Only the unquoted dot-atom form; quoted strings and non-ASCII (SMTPUTF8) local parts are refused because
        // the platforms we deliver through do not accept them.
        if (local.Length == 0 || local[0] == '.' || local[local.Length - 1] == '.')
            return false;
        for (var i = 0; i < local.Length; i++)
        {
            var c = local[i];
            if (c == '.')
            {
                if (local[i - 1] == '.')
                    return false;
                continue;
            }
            if (!IsAsciiLetterOrDigit(c) && AtextSymbols.IndexOf(c) < 0)
                return false;
        }
        return true;
    }

    private static bool IsHostName(string domain)
    {
        if (domain.Length == 0 || domain[0] == '[')
            return false; // address literals ([192.0.2.1]) are legal but never used for marketing mail
        string ascii;
        try
        {
            // Internationalised domain names are fine: their length limits apply to the punycode form.
            ascii = new IdnMapping().GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return false;
        }
        if (ascii.Length > MaxDomainLength)
            return false;
        var labels = ascii.Split('.');
        if (labels.Length < 2)
            return false; // single-label hosts (user@localhost) do not reach the internet
        foreach (var label in labels)
        {
            if (label.Length == 0 || label.Length > MaxLabelLength || label[0] == '-' || label[label.Length - 1] == '-')
                return false;
            foreach (var c in label)
            {
                if (!IsAsciiLetterOrDigit(c) && c != '-')
                    return false;
            }
        }
        var topLevel = labels[labels.Length - 1];
        for (var i = 0; i < topLevel.Length; i++)
        {
            if (!char.IsDigit(topLevel[i]))
                return true;
        }
        return false; // an all-numeric top-level label is an IP address, not a domain
    }

    private static bool IsAsciiLetterOrDigit(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
