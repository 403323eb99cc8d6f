using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace EmailConnector.Core.Mapping;

/// <summary>Cleaning rules for text that crosses from CRM to a platform or back.</summary>
public static partial class TextRules
{
    /// <summary>
    /// Cuts <paramref name="text"/> to at most <paramref name="maxLength"/> UTF-16 units without splitting a surrogate
    /// pair, so the result is always valid Unicode.
    /// </summary>
    public static string Truncate(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        if (text.Length <= maxLength)
            return text;
        var cut = maxLength;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
            cut--;
        return text[..cut];
    }

    /// <summary>
    /// Removes markup from a name: tags, comments and entities (decoded), then collapses whitespace. "&lt;b&gt;Anna&lt;/b&gt;"
    /// and "Anna&amp;nbsp;Berg" become "Anna" and "Anna Berg"; a name made only of markup becomes empty.
    /// </summary>
    public static string StripMarkup(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var withoutTags = TagPattern().Replace(text, " ");
        var decoded = WebUtility.HtmlDecode(withoutTags);
        // Decoding can produce new angle brackets ("&lt;script&gt;"): strip once more so none survives.
        var again = TagPattern().Replace(decoded, " ");
        return WhitespacePattern().Replace(again, " ").Trim();
    }

    /// <summary>True when the text holds markup that <see cref="StripMarkup"/> would change beyond whitespace.</summary>
    public static bool HasMarkup(string text) =>
        TagPattern().IsMatch(text) || EntityPattern().IsMatch(text);

    /// <summary>
    /// True when <paramref name="text"/> holds control characters (C0, DEL, C1) other than tab, carriage return and line
    /// feed, or, when <paramref name="singleLine"/>, any of those three too. Such values break CSV imports, headers and
    /// personalisation, so they are refused rather than passed on.
    /// </summary>
    public static bool HasForbiddenControlCharacters(string text, bool singleLine)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (!char.IsControl(c))
                continue;
            if (!singleLine && c is '\t' or '\r' or '\n')
                continue;
            return true;
        }
        return false;
    }

    /// <summary>Turns line breaks and tabs into single spaces (for single-line values such as names).</summary>
    public static string ToSingleLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
            builder.Append(c is '\t' or '\r' or '\n' ? ' ' : c);
        return WhitespacePattern().Replace(builder.ToString(), " ").Trim();
    }

    [GeneratedRegex(@"<!--.*?-->|<[^<>]*>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});", RegexOptions.CultureInvariant)]
    private static partial Regex EntityPattern();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhitespacePattern();
}
