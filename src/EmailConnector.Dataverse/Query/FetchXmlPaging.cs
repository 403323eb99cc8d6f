using System.Globalization;
using System.Net;
using System.Xml;
using System.Xml.Linq;

namespace EmailConnector.Dataverse.Query;

/// <summary>
/// FetchXML paging over the Web API: the response's <c>@Microsoft.Dynamics.CRM.fetchxmlpagingcookie</c> is an XML
/// fragment whose <c>pagingcookie</c> attribute is URL-encoded twice; the next request is the same fetch with
/// <c>page</c> + 1 and the decoded cookie in <c>paging-cookie</c>.
/// </summary>
public static class FetchXmlPaging
{
    /// <summary>The maximum FetchXML page size.</summary>
    public const int MaxPageSize = 5000;

    /// <summary>
    /// Prepares the first page: sets <c>count</c> to <paramref name="pageSize"/> unless the fetch sets one, and
    /// <c>page</c> to 1 unless set. Rejects <c>top</c> with paging, as Dataverse does.
    /// </summary>
    public static string FirstPage(string fetchXml, int pageSize)
    {
        var document = Load(fetchXml);
        var fetch = document.Root!;
        var top = fetch.Attribute("top");
        if (top is null)
        {
            if (fetch.Attribute("count") is null)
            {
                fetch.SetAttributeValue("count", pageSize.ToString(CultureInfo.InvariantCulture));
            }

            var count = ParseInt(fetch, "count");
            if (count is < 1 or > MaxPageSize)
            {
                throw new ArgumentException($"FetchXML count must be between 1 and {MaxPageSize}, not {count}.", nameof(fetchXml));
            }

            if (fetch.Attribute("page") is null)
            {
                fetch.SetAttributeValue("page", "1");
            }
        }

        return document.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>Whether the fetch pages (it has no <c>top</c>).</summary>
    public static bool IsPaged(string fetchXml) => Load(fetchXml).Root!.Attribute("top") is null;

    /// <summary>The page number of a fetch (1 when it has none).</summary>
    public static int PageOf(string fetchXml) => ParseInt(Load(fetchXml).Root!, "page") ?? 1;

    /// <summary>
    /// The fetch for the page after the one that returned <paramref name="responseCookie"/> (the raw annotation value,
    /// or null when the response carried none: then only the page number moves on).
    /// </summary>
    public static string NextPage(string fetchXml, string? responseCookie)
    {
        var document = Load(fetchXml);
        var fetch = document.Root!;
        var page = ParseInt(fetch, "page") ?? 1;
        var cookie = responseCookie is null ? null : DecodeCookie(responseCookie, out _);
        fetch.SetAttributeValue("page", (page + 1).ToString(CultureInfo.InvariantCulture));
        fetch.SetAttributeValue("paging-cookie", cookie);
        return document.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>
    /// Decodes the annotation <c>&lt;cookie pagenumber="2" pagingcookie="%253ccookie…" istracking="False" /&gt;</c>
    /// into the inner cookie (<c>&lt;cookie page="1"&gt;…&lt;/cookie&gt;</c>). Null when the annotation has no cookie.
    /// </summary>
    public static string? DecodeCookie(string annotation, out int? pageNumber)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        XElement outer;
        try
        {
            outer = XElement.Parse(annotation);
        }
        catch (XmlException ex)
        {
            throw new InvalidDataException("The FetchXML paging cookie annotation is not XML.", ex);
        }

        pageNumber = int.TryParse(outer.Attribute("pagenumber")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        var encoded = outer.Attribute("pagingcookie")?.Value;
        return string.IsNullOrEmpty(encoded) ? null : WebUtility.UrlDecode(WebUtility.UrlDecode(encoded));
    }

    private static XDocument Load(string fetchXml)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fetchXml);
        XDocument document;
        try
        {
            document = XDocument.Parse(fetchXml);
        }
        catch (XmlException ex)
        {
            throw new ArgumentException("The FetchXML is not well-formed XML.", nameof(fetchXml), ex);
        }

        if (document.Root?.Name.LocalName != "fetch")
        {
            throw new ArgumentException("The FetchXML root element must be <fetch>.", nameof(fetchXml));
        }

        return document;
    }

    /// <summary>The logical name of the fetch's main entity.</summary>
    public static string EntityOf(string fetchXml) =>
        Load(fetchXml).Root!.Element("entity")?.Attribute("name")?.Value
        ?? throw new ArgumentException("The FetchXML has no <entity name=\"…\">.", nameof(fetchXml));

    private static int? ParseInt(XElement element, string attribute) =>
        element.Attribute(attribute)?.Value is { } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new ArgumentException($"FetchXML attribute {attribute}=\"{text}\" is not a number.")
            : null;
}
