using System.Text.Json;
using EmailConnector.Dataverse.Rows;

namespace EmailConnector.Dataverse.Query;

/// <summary>
/// Reads one collection response (<c>{"@odata.context", "value": […], "@odata.nextLink"}</c> plus annotations) into a
/// <see cref="RowPage"/>. The rows keep the page's parsed document, so only one page is in memory at a time.
/// </summary>
internal static class PageReader
{
    private const string FetchXmlCookieProperty = "@" + ODataAnnotations.FetchXmlPagingCookie;
    private const string MoreRecordsProperty = "@" + ODataAnnotations.MoreRecords;
    private const string TotalRecordCountProperty = "@" + ODataAnnotations.TotalRecordCount;
    private const string TotalLimitExceededProperty = "@" + ODataAnnotations.TotalRecordCountLimitExceeded;

    public static async Task<RowPage> ReadAsync(Stream content, int pageNumber, CancellationToken cancellationToken)
    {
        // Not disposed on purpose: the rows point into this document; the GC frees it with the page.
        var document = await JsonDocument.ParseAsync(content, default, cancellationToken).ConfigureAwait(false);
        return Read(document.RootElement, pageNumber);
    }

    public static RowPage Read(JsonElement root, int pageNumber)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("The response is not an OData collection: it has no \"value\" array.");
        }

        var rows = new DataverseRow[value.GetArrayLength()];
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            rows[index++] = DataverseRow.FromJson(item);
        }

        return new RowPage(pageNumber, rows)
        {
            Count = root.TryGetProperty("@odata.count", out var count) && count.ValueKind == JsonValueKind.Number ? count.GetInt32() : null,
            TotalRecordCount = root.TryGetProperty(TotalRecordCountProperty, out var total) && total.ValueKind == JsonValueKind.Number ? total.GetInt32() : null,
            TotalRecordCountLimitExceeded = root.TryGetProperty(TotalLimitExceededProperty, out var exceeded) && exceeded.ValueKind == JsonValueKind.True,
            NextLink = root.TryGetProperty("@odata.nextLink", out var next) && next.ValueKind == JsonValueKind.String ? new Uri(next.GetString()!, UriKind.Absolute) : null,
            PagingCookie = root.TryGetProperty(FetchXmlCookieProperty, out var cookie) && cookie.ValueKind == JsonValueKind.String ? cookie.GetString() : null,
            MoreRecords = root.TryGetProperty(MoreRecordsProperty, out var more) && more.ValueKind == JsonValueKind.True,
        };
    }
}
