using System.Globalization;
using System.Runtime.CompilerServices;
using EmailConnector.Dataverse.Batch;
using EmailConnector.Dataverse.Http;
using EmailConnector.Dataverse.Query;
using EmailConnector.Dataverse.Rows;

namespace EmailConnector.Dataverse;

public sealed partial class DataverseClient
{
    // Dataverse rejects longer URLs; a GET inside $batch may be twice as long (dataverse.md §3.3), and the $batch of
    // one GET still counts as one request against the service protection limits.
    private const int MaxUrlLength = 32 * 1024;
    private const int MaxBatchedUrlLength = 64 * 1024;

    /// <summary>
    /// Streams the pages of an OData query: one request per page (<c>Prefer: odata.maxpagesize</c>), following
    /// <c>@odata.nextLink</c> verbatim. Only the current page is held in memory.
    /// </summary>
    public async IAsyncEnumerable<RowPage> QueryPagesAsync(ODataQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var preferences = new List<string>();
        if (query.Top is null)
        {
            // With $top Dataverse does not page, and maxpagesize must not be combined with it.
            preferences.Add("odata.maxpagesize=" + (query.PageSize ?? _options.MaxPageSize).ToString(CultureInfo.InvariantCulture));
        }

        if (query.Annotations is { } annotations)
        {
            preferences.Add(IncludeAnnotations(annotations));
        }

        var operation = "Query " + query.EntitySet;
        var path = query.ToRelativeUrl();
        for (var pageNumber = 1; ; pageNumber++)
        {
            var page = await ReadPageAsync(DataverseRequest.Get(path, operation), preferences, pageNumber, cancellationToken).ConfigureAwait(false);
            yield return page;
            if (page.NextLink is null)
            {
                yield break;
            }

            path = page.NextLink.AbsoluteUri;
        }
    }

    /// <summary>Streams the rows of an OData query, page by page.</summary>
    public async IAsyncEnumerable<DataverseRow> QueryAsync(ODataQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in QueryPagesAsync(query, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.Rows)
            {
                yield return row;
            }
        }
    }

    /// <summary>
    /// Streams the pages of a FetchXML query (<c>GET &lt;set&gt;?fetchXml=</c>): after each page with
    /// <c>morerecords</c> the fetch is rewritten with <c>page</c> + 1 and the decoded paging cookie.
    /// <paramref name="pageSize"/> applies when the fetch has no <c>count</c>.
    /// </summary>
    public async IAsyncEnumerable<RowPage> FetchPagesAsync(
        string entitySet, string fetchXml, int? pageSize = null, string? annotations = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entitySet);
        var fetch = FetchXmlPaging.FirstPage(fetchXml, pageSize ?? _options.MaxPageSize);
        var paged = FetchXmlPaging.IsPaged(fetch);
        string[] preferences = [IncludeAnnotations(FetchAnnotations(annotations))];
        var operation = "Fetch " + entitySet;
        for (var pageNumber = FetchXmlPaging.PageOf(fetch); ; pageNumber++)
        {
            var path = entitySet + "?fetchXml=" + Uri.EscapeDataString(fetch);
            if (path.Length > MaxBatchedUrlLength)
            {
                throw new NotSupportedException($"A FetchXML query longer than the Web API's URL limit inside $batch ({MaxBatchedUrlLength} characters) is not supported.");
            }

            var request = DataverseRequest.Get(path, operation);
            var page = path.Length > MaxUrlLength
                ? await ReadPageInBatchAsync(request, preferences, pageNumber, cancellationToken).ConfigureAwait(false)
                : await ReadPageAsync(request, preferences, pageNumber, cancellationToken).ConfigureAwait(false);
            yield return page;
            if (!paged || !page.MoreRecords)
            {
                yield break;
            }

            fetch = FetchXmlPaging.NextPage(fetch, page.PagingCookie);
        }
    }

    /// <summary>Streams the rows of a FetchXML query, page by page.</summary>
    public async IAsyncEnumerable<DataverseRow> FetchAsync(string entitySet, string fetchXml, int? pageSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in FetchPagesAsync(entitySet, fetchXml, pageSize, null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.Rows)
            {
                yield return row;
            }
        }
    }

    // Paging needs the cookie and morerecords annotations whatever else the caller asked for.
    private static string FetchAnnotations(string? requested) => requested == ODataAnnotations.All
        ? ODataAnnotations.All
        : string.Join(",", new[] { ODataAnnotations.FetchXmlPagingCookie, ODataAnnotations.MoreRecords, ODataAnnotations.TotalRecordCount }
            .Concat(requested?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [])
            .Distinct(StringComparer.Ordinal));

    // A GET whose URL is too long for the request line travels as the one request of a $batch.
    private async Task<RowPage> ReadPageInBatchAsync(DataverseRequest request, IEnumerable<string> preferences, int pageNumber, CancellationToken cancellationToken)
    {
        foreach (var preference in preferences)
        {
            request.Prefer(preference);
        }

        var result = await ExecuteBatchAsync(new DataverseBatch().Add(request), cancellationToken: cancellationToken).ConfigureAwait(false);
        var answer = result.Responses.Count == 1
            ? result.Responses[0]
            : throw new InvalidDataException($"A $batch of one query answered {result.Responses.Count} time(s).");
        if (answer.Error is { } error)
        {
            throw error;
        }

        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(answer.Body));
        var page = await PageReader.ReadAsync(stream, pageNumber, cancellationToken).ConfigureAwait(false);
        Log.PageRead(_logger, request.Operation, pageNumber, page.Rows.Count);
        return page;
    }

    private async Task<RowPage> ReadPageAsync(DataverseRequest request, IEnumerable<string> preferences, int pageNumber, CancellationToken cancellationToken)
    {
        foreach (var preference in preferences)
        {
            request.Prefer(preference);
        }

        using var response = await SendAsync(request, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var page = await PageReader.ReadAsync(stream, pageNumber, cancellationToken).ConfigureAwait(false);
            Log.PageRead(_logger, request.Operation, pageNumber, page.Rows.Count);
            return page;
        }
    }
}
