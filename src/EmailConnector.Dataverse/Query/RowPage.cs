using EmailConnector.Dataverse.Rows;

namespace EmailConnector.Dataverse.Query;

/// <summary>One page of a query, as Dataverse returned it.</summary>
public sealed class RowPage
{
    /// <summary>Creates a page.</summary>
    public RowPage(int pageNumber, IReadOnlyList<DataverseRow> rows)
    {
        PageNumber = pageNumber;
        Rows = rows;
    }

    /// <summary>The page number, from 1.</summary>
    public int PageNumber { get; }

    /// <summary>The rows of the page.</summary>
    public IReadOnlyList<DataverseRow> Rows { get; }

    /// <summary><c>@odata.count</c> when asked with <c>$count=true</c> (capped at 5,000).</summary>
    public int? Count { get; init; }

    /// <summary><c>@Microsoft.Dynamics.CRM.totalrecordcount</c> (FetchXML <c>returntotalrecordcount</c>; -1 when over the cap).</summary>
    public int? TotalRecordCount { get; init; }

    /// <summary><c>@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded</c>.</summary>
    public bool TotalRecordCountLimitExceeded { get; init; }

    /// <summary>The <c>@odata.nextLink</c> of an OData page, or null on the last page.</summary>
    public Uri? NextLink { get; init; }

    /// <summary>The decoded FetchXML paging cookie, or null.</summary>
    public string? PagingCookie { get; init; }

    /// <summary>Whether FetchXML has more pages (<c>@Microsoft.Dynamics.CRM.morerecords</c>).</summary>
    public bool MoreRecords { get; init; }
}
