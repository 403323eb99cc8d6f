namespace EmailConnector.Dataverse.Rows;

/// <summary>
/// Annotation names Dataverse writes next to a property (<c>name@annotation</c>) or on a collection
/// (<c>@annotation</c>), and the values of <c>Prefer: odata.include-annotations</c> that ask for them.
/// </summary>
public static class ODataAnnotations
{
    /// <summary>Ask for every annotation (<c>"*"</c>).</summary>
    public const string All = "*";

    /// <summary>The display text of a choice, lookup, money or date value.</summary>
    public const string FormattedValue = "OData.Community.Display.V1.FormattedValue";

    /// <summary>The logical name of the table a lookup points to.</summary>
    public const string LookupLogicalName = "Microsoft.Dynamics.CRM.lookuplogicalname";

    /// <summary>The single-valued navigation property behind a lookup (used with <c>@odata.bind</c>).</summary>
    public const string AssociatedNavigationProperty = "Microsoft.Dynamics.CRM.associatednavigationproperty";

    /// <summary>The FetchXML paging cookie of a page.</summary>
    public const string FetchXmlPagingCookie = "Microsoft.Dynamics.CRM.fetchxmlpagingcookie";

    /// <summary>Whether FetchXML has more pages.</summary>
    public const string MoreRecords = "Microsoft.Dynamics.CRM.morerecords";

    /// <summary>The total row count (FetchXML <c>returntotalrecordcount</c>, or -1 when $count passed 5,000).</summary>
    public const string TotalRecordCount = "Microsoft.Dynamics.CRM.totalrecordcount";

    /// <summary>True when the total row count exceeded the 5,000 cap.</summary>
    public const string TotalRecordCountLimitExceeded = "Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded";
}
