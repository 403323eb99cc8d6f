using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace EmailConnector.Emulator.Query;

/// <summary>
/// Dataverse's paging cookie, made real: <c>&lt;cookie page="1"&gt;&lt;contactid last="{…}" first="{…}" /&gt;&lt;/cookie&gt;</c>.
/// Ordered queries put one element per sort key before the primary id, as Dataverse does; a link's id follows only
/// when the page ended inside the rows one primary row produced through a one-to-many link. The next page resumes
/// strictly after the "last" key, so rows changed or inserted between pages are neither repeated nor skipped.
/// </summary>
internal sealed class PagingCookie
{
    private PagingCookie(int page, IReadOnlyList<object?> last)
    {
        Page = page;
        Last = last;
    }

    /// <summary>The page the cookie was issued with.</summary>
    public int Page { get; }

    /// <summary>The sort-key values of the last row of that page (a prefix of the query's keys).</summary>
    public IReadOnlyList<object?> Last { get; }

    public static string Write(int page, IReadOnlyList<SortKey> keys, object?[] first, object?[] last, int keyCount)
    {
        var cookie = new XElement("cookie", new XAttribute("page", page.ToString(CultureInfo.InvariantCulture)));
        for (var i = 0; i < keyCount; i++)
        {
            var element = new XElement(keys[i].CookieName);
            if (last[i] is { } lastValue)
            {
                element.Add(new XAttribute("last", QueryValues.Format(lastValue)));
            }

            if (first[i] is { } firstValue)
            {
                element.Add(new XAttribute("first", QueryValues.Format(firstValue)));
            }

            cookie.Add(element);
        }

        return cookie.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>
    /// Reads a cookie issued for a query with these sort keys; null when it belongs to another query shape, in which
    /// case Dataverse (and the emulator) falls back to page-number paging.
    /// </summary>
    public static PagingCookie? Read(string text, IReadOnlyList<SortKey> keys, int minimumKeys)
    {
        XElement cookie;
        try
        {
            cookie = XElement.Parse(text);
        }
        catch (XmlException ex)
        {
            throw QueryErrors.InvalidQuery($"The paging cookie is not valid XML: {ex.Message}");
        }

        if (cookie.Name.LocalName != "cookie"
            || !int.TryParse((string?)cookie.Attribute("page"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var page))
        {
            throw QueryErrors.InvalidQuery("The paging cookie must be a 'cookie' element with a 'page' attribute.");
        }

        var elements = cookie.Elements().ToList();
        if (elements.Count < minimumKeys || elements.Count > keys.Count)
        {
            return null;
        }

        var last = new object?[elements.Count];
        for (var i = 0; i < elements.Count; i++)
        {
            if (elements[i].Name.LocalName != keys[i].CookieName)
            {
                return null;
            }

            var text2 = (string?)elements[i].Attribute("last");
            try
            {
                last[i] = text2 is null ? null : QueryValues.Parse(text2, keys[i].Type);
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                throw QueryErrors.InvalidQuery($"The paging cookie value '{text2}' for '{keys[i].CookieName}' is not valid.");
            }
        }

        return new PagingCookie(page, last);
    }
}
