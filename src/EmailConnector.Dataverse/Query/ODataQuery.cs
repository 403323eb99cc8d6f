using System.Globalization;
using System.Text;

namespace EmailConnector.Dataverse.Query;

/// <summary>
/// An OData query on one entity set: <c>$select</c>, <c>$filter</c>, <c>$orderby</c>, <c>$top</c>, <c>$count</c> and
/// one single-valued <c>$expand</c>. Dataverse has no <c>$skip</c>: pages come from <c>odata.maxpagesize</c> and
/// <c>@odata.nextLink</c>.
/// </summary>
public sealed class ODataQuery
{
    private readonly List<string> _select = [];
    private readonly List<string> _orderBy = [];

    /// <summary>Creates a query on <paramref name="entitySet"/>.</summary>
    public ODataQuery(string entitySet)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entitySet);
        EntitySet = entitySet;
    }

    /// <summary>The entity set (<c>contacts</c>).</summary>
    public string EntitySet { get; }

    /// <summary>The <c>$filter</c> expression, or null.</summary>
    public string? Filter { get; private set; }

    /// <summary>The <c>$top</c> value, or null. With <c>$top</c> Dataverse does not page.</summary>
    public int? Top { get; private set; }

    /// <summary>Whether <c>$count=true</c> is asked.</summary>
    public bool Count { get; private set; }

    /// <summary>The expanded navigation property, or null.</summary>
    public string? ExpandProperty { get; private set; }

    /// <summary>The columns selected inside the expansion.</summary>
    public IReadOnlyList<string> ExpandSelect { get; private set; } = [];

    /// <summary>The page size asked through <c>Prefer: odata.maxpagesize</c>, or null for the client default.</summary>
    public int? PageSize { get; private set; }

    /// <summary>The annotations asked through <c>Prefer: odata.include-annotations</c>, or null for none.</summary>
    public string? Annotations { get; private set; }

    /// <summary>Selects columns (lookups as <c>_x_value</c>).</summary>
    public ODataQuery Select(params string[] columns)
    {
        foreach (var column in columns)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(column);
            _select.Add(column);
        }

        return this;
    }

    /// <summary>Sets <c>$filter</c>; build literals with <see cref="Rows.ODataLiteral.Format"/>.</summary>
    public ODataQuery Where(string filter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filter);
        Filter = Filter is null ? filter : "(" + Filter + ") and (" + filter + ")";
        return this;
    }

    /// <summary>Adds an ascending sort.</summary>
    public ODataQuery OrderBy(string column) => AddOrder(column, "asc");

    /// <summary>Adds a descending sort.</summary>
    public ODataQuery OrderByDescending(string column) => AddOrder(column, "desc");

    /// <summary>Sets <c>$top</c> (1–5000).</summary>
    public ODataQuery Take(int top)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(top, 5000);
        Top = top;
        return this;
    }

    /// <summary>Asks for <c>@odata.count</c> (capped at 5,000 by Dataverse).</summary>
    public ODataQuery WithCount()
    {
        Count = true;
        return this;
    }

    /// <summary>Expands one single-valued navigation property, optionally selecting its columns.</summary>
    public ODataQuery Expand(string navigationProperty, params string[] select)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(navigationProperty);
        if (ExpandProperty is not null)
        {
            throw new NotSupportedException("The client expands one navigation property per query.");
        }

        ExpandProperty = navigationProperty;
        ExpandSelect = select;
        return this;
    }

    /// <summary>Sets the page size (1–5000).</summary>
    public ODataQuery WithPageSize(int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 5000);
        PageSize = pageSize;
        return this;
    }

    /// <summary>Asks for annotations (<see cref="Rows.ODataAnnotations"/>; several joined with commas).</summary>
    public ODataQuery WithAnnotations(string annotations = Rows.ODataAnnotations.All)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(annotations);
        Annotations = annotations;
        return this;
    }

    /// <summary>The relative URL: <c>contacts?$select=…&amp;$filter=…</c>, values URL-encoded.</summary>
    public string ToRelativeUrl()
    {
        var options = new List<string>();
        if (_select.Count > 0)
        {
            options.Add("$select=" + string.Join(",", _select));
        }

        if (Filter is not null)
        {
            options.Add("$filter=" + Uri.EscapeDataString(Filter));
        }

        if (_orderBy.Count > 0)
        {
            options.Add("$orderby=" + Uri.EscapeDataString(string.Join(",", _orderBy)));
        }

        if (Top is { } top)
        {
            options.Add("$top=" + top.ToString(CultureInfo.InvariantCulture));
        }

        if (Count)
        {
            options.Add("$count=true");
        }

        if (ExpandProperty is not null)
        {
            var expand = new StringBuilder(ExpandProperty);
            if (ExpandSelect.Count > 0)
            {
                expand.Append("($select=").Append(string.Join(",", ExpandSelect)).Append(')');
            }

            options.Add("$expand=" + expand);
        }

        return options.Count == 0 ? EntitySet : EntitySet + "?" + string.Join("&", options);
    }

    private ODataQuery AddOrder(string column, string direction)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(column);
        _orderBy.Add(column + " " + direction);
        return this;
    }
}
