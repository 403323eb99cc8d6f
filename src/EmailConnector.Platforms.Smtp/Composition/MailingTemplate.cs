using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace EmailConnector.Platforms.Smtp.Composition;

/// <summary>A compiled mailing: templates with data labels and tracking placeholders, and the link table.</summary>
internal sealed record CompiledMailing(string Html, string Text, IReadOnlyList<string> Links, IReadOnlyDictionary<string, int> Removed);

/// <summary>What personalisation needs for one message.</summary>
internal interface ILabelSource
{
    /// <summary>The value of a data label (case-insensitive field name or built-in), null when none.</summary>
    string? Label(string name);

    /// <summary>The tracking URL of link <paramref name="index"/>.</summary>
    string LinkUrl(int index);

    string OpenUrl { get; }

    string UnsubscribeUrl { get; }
}

/// <summary>
/// Mailing templates. Data labels are <c>{{FIRSTNAME}}</c> or <c>{{FIRSTNAME|friend}}</c> (with a default), matched
/// case-insensitively against the list's mapped fields, plus <c>{{email}}</c> and <c>{{unsubscribe_url}}</c>. At
/// compile time the HTML is sanitised, every http(s) link is stored in the mailing's link table and replaced by a
/// click placeholder, and the open pixel and (when the author left it out) a visible unsubscribe link are added.
/// Rendering is then plain substitution over pre-split segments, cheap enough per recipient.
/// </summary>
internal static partial class MailingTemplate
{
    public const string UnsubscribeLabel = "unsubscribe_url";
    public const string EmailLabel = "email";
    private const string LinkPrefix = "@link:";
    public const string OpenLabel = "@open";

    public static CompiledMailing Compile(string html, string? text, bool trackOpens, bool trackClicks)
    {
        var (document, removed) = MailingHtmlSanitizer.Sanitize(html);
        var links = new List<string>();
        string Track(string url)
        {
            if (!trackClicks)
                return url;
            var index = links.IndexOf(url);
            if (index < 0)
            {
                index = links.Count;
                links.Add(url);
            }
            return "{{" + LinkPrefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}";
        }

        foreach (var anchor in document.QuerySelectorAll("a[href], area[href]"))
        {
            var href = anchor.GetAttribute("href")!.Trim();
            if (IsTrackable(href))
                anchor.SetAttribute("href", Track(href));
        }
        var body = document.Body ?? throw new InvalidOperationException("The parser always creates a body.");
        if (!LabelPattern().Matches(body.InnerHtml).Any(m => IsLabel(m, UnsubscribeLabel)))
        {
            var footer = document.CreateElement("p");
            footer.SetAttribute("style", "font-size:12px;color:#666666;margin-top:24px");
            footer.InnerHtml = "You receive this email because you are on our mailing list. <a href=\"{{" + UnsubscribeLabel + "}}\">Unsubscribe</a>";
            body.AppendChild(footer);
        }
        if (trackOpens)
        {
            var pixel = document.CreateElement("img");
            pixel.SetAttribute("src", "{{" + OpenLabel + "}}");
            pixel.SetAttribute("width", "1");
            pixel.SetAttribute("height", "1");
            pixel.SetAttribute("alt", string.Empty);
            pixel.SetAttribute("style", "display:block;border:0;width:1px;height:1px");
            body.AppendChild(pixel);
        }

        var plain = text ?? ToText(body);
        plain = UrlPattern().Replace(plain, m => IsTrackable(m.Value) ? Track(m.Value) : m.Value);
        if (!LabelPattern().Matches(plain).Any(m => IsLabel(m, UnsubscribeLabel)))
            plain = plain.TrimEnd() + "\n\n--\nUnsubscribe: {{" + UnsubscribeLabel + "}}\n";
        return new CompiledMailing(document.ToHtml(), plain, links, removed);
    }

    /// <summary>Splits a compiled template once; <see cref="Render"/> then only concatenates.</summary>
    public static IReadOnlyList<Segment> Parse(string template)
    {
        var segments = new List<Segment>();
        var position = 0;
        foreach (Match match in LabelPattern().Matches(template))
        {
            if (match.Index > position)
                segments.Add(new Segment(SegmentKind.Literal, template[position..match.Index]));
            var name = match.Groups["name"].Value;
            var fallback = match.Groups["default"].Success ? match.Groups["default"].Value : null;
            if (name.StartsWith(LinkPrefix, StringComparison.Ordinal) && int.TryParse(name.AsSpan(LinkPrefix.Length), System.Globalization.CultureInfo.InvariantCulture, out var index))
                segments.Add(new Segment(SegmentKind.Link, name, index));
            else if (name == OpenLabel)
                segments.Add(new Segment(SegmentKind.Open, name));
            else if (name.Equals(UnsubscribeLabel, StringComparison.OrdinalIgnoreCase))
                segments.Add(new Segment(SegmentKind.Unsubscribe, name));
            else
                segments.Add(new Segment(SegmentKind.Label, name, 0, fallback));
            position = match.Index + match.Length;
        }
        if (position < template.Length)
            segments.Add(new Segment(SegmentKind.Literal, template[position..]));
        return segments;
    }

    /// <summary>Renders segments for one recipient; label values are HTML-encoded when <paramref name="html"/>.</summary>
    public static string Render(IReadOnlyList<Segment> segments, ILabelSource source, bool html)
    {
        var builder = new StringBuilder(segments.Sum(s => s.Text.Length) + 256);
        foreach (var segment in segments)
        {
            switch (segment.Kind)
            {
                case SegmentKind.Literal:
                    builder.Append(segment.Text);
                    break;
                case SegmentKind.Link:
                    builder.Append(source.LinkUrl(segment.Index));
                    break;
                case SegmentKind.Open:
                    builder.Append(source.OpenUrl);
                    break;
                case SegmentKind.Unsubscribe:
                    builder.Append(source.UnsubscribeUrl);
                    break;
                default:
                    // A recipient's value is text and gets encoded; a default is written in the template's own
                    // language (HTML in an HTML part), so it is decoded first and not encoded twice.
                    var value = source.Label(segment.Text) ?? (html && segment.Default is { } fallback ? WebUtility.HtmlDecode(fallback) : segment.Default) ?? string.Empty;
                    builder.Append(html ? WebUtility.HtmlEncode(value) : value);
                    break;
            }
        }
        return builder.ToString();
    }

    /// <summary>Renders a stored link (which may hold data labels) into the URL a click redirects to.</summary>
    public static string RenderUrl(string urlTemplate, Func<string, string?> label) =>
        LabelPattern().Replace(urlTemplate, m =>
            Uri.EscapeDataString(label(m.Groups["name"].Value) ?? (m.Groups["default"].Success ? m.Groups["default"].Value : string.Empty)));

    /// <summary>The data labels a template uses (built-ins and tracking placeholders excluded).</summary>
    public static IReadOnlySet<string> LabelsOf(string template) =>
        Parse(template).Where(s => s.Kind == SegmentKind.Label && !s.Text.Equals(EmailLabel, StringComparison.OrdinalIgnoreCase))
            .Select(s => s.Text).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="template"/> uses the data label or placeholder <paramref name="name"/>.</summary>
    public static bool Uses(string template, string name) => LabelPattern().Matches(template).Any(m => IsLabel(m, name));

    private static bool IsTrackable(string href) =>
        (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) &&
        !LabelPattern().Matches(href).Any(m => IsLabel(m, UnsubscribeLabel));

    private static bool IsLabel(Match match, string name) => match.Groups["name"].Value.Equals(name, StringComparison.OrdinalIgnoreCase);

    private static string ToText(IElement body)
    {
        var builder = new StringBuilder();
        Walk(body, builder);
        var text = BlankLines().Replace(builder.ToString(), "\n\n");
        return string.Join('\n', text.Split('\n').Select(l => l.TrimEnd())).Trim() + "\n";
    }

    private static void Walk(INode node, StringBuilder builder)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText textNode:
                    builder.Append(Whitespace().Replace(textNode.Data, " "));
                    break;
                case IElement { LocalName: "br" }:
                    builder.Append('\n');
                    break;
                case IElement { LocalName: "img" or "style" or "head" or "title" }:
                    break;
                case IElement { LocalName: "a" } anchor:
                    var before = builder.Length;
                    Walk(anchor, builder);
                    var href = anchor.GetAttribute("href");
                    var label = builder.ToString(before, builder.Length - before).Trim();
                    if (!string.IsNullOrEmpty(href) && !href.StartsWith('#') && label != href)
                        builder.Append(" (").Append(href).Append(')');
                    break;
                case IElement element when IsBlock(element.LocalName):
                    builder.Append("\n\n");
                    if (element.LocalName == "li")
                        builder.Append("* ");
                    Walk(element, builder);
                    builder.Append("\n\n");
                    break;
                default:
                    Walk(child, builder);
                    break;
            }
        }
    }

    private static bool IsBlock(string name) => name is "p" or "div" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "li" or "tr" or "table" or "ul" or "ol" or "blockquote" or "hr";

    [GeneratedRegex(@"\{\{\s*(?<name>@?[A-Za-z_][A-Za-z0-9_.:-]*)\s*(?:\|(?<default>[^{}]*))?\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"https?://[^\s<>""'()]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"\n[ \t]*(\n[ \t]*)+", RegexOptions.CultureInvariant)]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}

internal enum SegmentKind
{
    Literal,
    Label,
    Link,
    Open,
    Unsubscribe,
}

internal sealed record Segment(SegmentKind Kind, string Text, int Index = 0, string? Default = null);
