using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace EmailConnector.Platforms.Smtp.Composition;

/// <summary>
/// Removes what mailings may not contain (seed 000 §3.2): ActiveX, audio, external style sheets, frames and iframes,
/// Java, the meta refresh element, scripts (elements, event-handler attributes and script URLs), tooltips (title
/// attributes) and video. Everything else, forms included, stays: the list forbids, it does not enumerate.
/// </summary>
internal static class MailingHtmlSanitizer
{
    // Element → the §3.2 item it falls under.
    private static readonly Dictionary<string, string> ForbiddenElements = new(StringComparer.OrdinalIgnoreCase)
    {
        ["script"] = "script",
        ["object"] = "activex",
        ["embed"] = "activex",
        ["param"] = "activex",
        ["applet"] = "java",
        ["audio"] = "audio",
        ["bgsound"] = "audio",
        ["video"] = "video",
        ["source"] = "video",
        ["track"] = "video",
        ["iframe"] = "frame",
        ["frame"] = "frame",
        ["frameset"] = "frame",
        ["noframes"] = "frame",
    };

    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "background", "lowsrc", "dynsrc", "poster", "data", "codebase", "xlink:href"];

    private static readonly string[] ScriptSchemes = ["javascript:", "vbscript:", "livescript:", "mocha:"];

    /// <summary>Parses and cleans <paramref name="html"/>; the document and what was removed (§3.2 item → count).</summary>
    public static (IHtmlDocument Document, IReadOnlyDictionary<string, int> Removed) Sanitize(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var document = new HtmlParser().ParseDocument(html);
        var removed = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(string item) => removed[item] = removed.GetValueOrDefault(item) + 1;

        foreach (var element in document.All.ToList())
        {
            if (element.Parent is null && element != document.DocumentElement)
                continue; // inside something already removed
            if (ForbiddenElements.TryGetValue(element.LocalName, out var item))
            {
                element.Remove();
                Count(item);
                continue;
            }
            if (IsMetaRefresh(element))
            {
                element.Remove();
                Count("meta-refresh");
                continue;
            }
            if (element.LocalName == "link" && IsStylesheetLink(element))
            {
                element.Remove();
                Count("external-stylesheet");
                continue;
            }
            if (element.LocalName == "style" && element.TextContent.Contains("@import", StringComparison.OrdinalIgnoreCase))
            {
                element.TextContent = RemoveImports(element.TextContent);
                Count("external-stylesheet");
            }
            CleanAttributes(element, Count);
        }
        return (document, removed);
    }

    private static void CleanAttributes(IElement element, Action<string> count)
    {
        foreach (var attribute in element.Attributes.ToList())
        {
            var name = attribute.Name.ToLowerInvariant();
            if (name.StartsWith("on", StringComparison.Ordinal))
            {
                element.RemoveAttribute(attribute.Name);
                count("script");
            }
            else if (name == "title")
            {
                element.RemoveAttribute(attribute.Name);
                count("tooltip");
            }
            else if (UrlAttributes.Contains(name) && IsScriptUrl(attribute.Value))
            {
                element.RemoveAttribute(attribute.Name);
                count("script");
            }
            else if (name == "style" && IsScriptStyle(attribute.Value))
            {
                element.RemoveAttribute(attribute.Name);
                count("script");
            }
            else if (name == "style" && attribute.Value.Contains("@import", StringComparison.OrdinalIgnoreCase))
            {
                element.RemoveAttribute(attribute.Name);
                count("external-stylesheet");
            }
        }
    }

    private static bool IsMetaRefresh(IElement element) =>
        element.LocalName == "meta" && string.Equals(element.GetAttribute("http-equiv")?.Trim(), "refresh", StringComparison.OrdinalIgnoreCase);

    private static bool IsStylesheetLink(IElement element) =>
        (element.GetAttribute("rel") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(r => r.Equals("stylesheet", StringComparison.OrdinalIgnoreCase) || r.Equals("import", StringComparison.OrdinalIgnoreCase));

    internal static bool IsScriptUrl(string value)
    {
        // Browsers ignore whitespace and control characters inside the scheme ("java\tscript:").
        var compact = new string(value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        return ScriptSchemes.Any(s => compact.StartsWith(s, StringComparison.OrdinalIgnoreCase)) ||
            compact.StartsWith("data:text/html", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsScriptStyle(string style)
    {
        var compact = new string(style.Where(c => !char.IsWhiteSpace(c)).ToArray());
        return compact.Contains("expression(", StringComparison.OrdinalIgnoreCase) ||
            ScriptSchemes.Any(s => compact.Contains("url(" + s, StringComparison.OrdinalIgnoreCase) ||
                compact.Contains("url('" + s, StringComparison.OrdinalIgnoreCase) || compact.Contains("url(\"" + s, StringComparison.OrdinalIgnoreCase)) ||
            compact.Contains("behavior:", StringComparison.OrdinalIgnoreCase) || compact.Contains("-moz-binding", StringComparison.OrdinalIgnoreCase);
    }

    private static string RemoveImports(string css) =>
        string.Join('\n', css.Split('\n').Where(line => !line.TrimStart().StartsWith("@import", StringComparison.OrdinalIgnoreCase)));
}
