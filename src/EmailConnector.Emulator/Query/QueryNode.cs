namespace EmailConnector.Emulator.Query;

// The one syntax tree every query front end produces (QueryExpression, QueryByAttribute, FetchXML, and later the
// OData parser). It holds names and raw literals only; QueryBinder checks it against the schema.

/// <summary>Which front end produced a tree; it decides front-end specific defaults such as link aliases.</summary>
internal enum QuerySource
{
    QueryExpression,
    QueryByAttribute,
    FetchXml,
    OData,
}

/// <summary>A complete query against one primary table.</summary>
internal sealed class QueryNode
{
    public QueryNode(string table) => Table = table;

    public string Table { get; }

    public QuerySource Source { get; init; } = QuerySource.QueryExpression;

    public ColumnSelection Columns { get; set; } = ColumnSelection.None;

    public FilterNode? Filter { get; set; }

    public List<LinkNode> Links { get; } = [];

    public List<OrderNode> Orders { get; } = [];

    public int? Top { get; set; }

    public bool Distinct { get; set; }

    public PagingNode Paging { get; set; } = new();
}

/// <summary>The columns a table or link returns.</summary>
internal sealed class ColumnSelection
{
    private ColumnSelection(bool all, IReadOnlyList<string> columns)
    {
        All = all;
        Columns = columns;
    }

    public static ColumnSelection None { get; } = new(false, []);

    public static ColumnSelection AllColumns { get; } = new(true, []);

    public bool All { get; }

    public IReadOnlyList<string> Columns { get; }

    public static ColumnSelection Of(IEnumerable<string> columns) => new(false, columns.ToList());
}

internal enum FilterKind
{
    And,
    Or,
}

/// <summary>An and/or group of conditions and nested groups.</summary>
internal sealed class FilterNode
{
    public FilterNode(FilterKind kind) => Kind = kind;

    public FilterKind Kind { get; }

    public List<ConditionNode> Conditions { get; } = [];

    public List<FilterNode> Filters { get; } = [];

    public bool IsEmpty => Conditions.Count == 0 && Filters.All(f => f.IsEmpty);
}

/// <summary>
/// One condition. <see cref="EntityAlias"/> names a link (by alias or link table name) when the condition sits in an
/// outer filter but reads a linked column. Values are raw: typed SDK values from QueryExpression, strings from
/// FetchXML and OData; the binder converts both by the column's declared type.
/// </summary>
internal sealed class ConditionNode
{
    public ConditionNode(string attribute, QueryOperator op, IReadOnlyList<object?> values, string? entityAlias = null)
    {
        Attribute = attribute;
        Operator = op;
        Values = values;
        EntityAlias = entityAlias;
    }

    public string? EntityAlias { get; }

    public string Attribute { get; }

    public QueryOperator Operator { get; }

    public IReadOnlyList<object?> Values { get; }
}

internal enum JoinKind
{
    Inner,
    LeftOuter,
}

/// <summary>
/// A joined table. <see cref="LinkAttribute"/> is the column on the linked table (FetchXML <c>from</c>,
/// LinkToAttributeName); <see cref="ParentAttribute"/> the column on the parent (FetchXML <c>to</c>,
/// LinkFromAttributeName). Null stands for the table's primary id, as FetchXML defines an omitted from/to.
/// </summary>
internal sealed class LinkNode
{
    public LinkNode(string table, string? linkAttribute, string? parentAttribute, JoinKind join)
    {
        Table = table;
        LinkAttribute = linkAttribute;
        ParentAttribute = parentAttribute;
        Join = join;
    }

    public string Table { get; }

    public string? LinkAttribute { get; }

    public string? ParentAttribute { get; }

    public JoinKind Join { get; }

    public string? Alias { get; set; }

    public ColumnSelection Columns { get; set; } = ColumnSelection.None;

    public FilterNode? Filter { get; set; }

    public List<LinkNode> Links { get; } = [];

    public List<OrderNode> Orders { get; } = [];
}

/// <summary>A sort key; orders listed on a link node sort by that link's column.</summary>
internal sealed class OrderNode
{
    public OrderNode(string attribute, bool descending)
    {
        Attribute = attribute;
        Descending = descending;
    }

    public string Attribute { get; }

    public bool Descending { get; }
}

/// <summary>Paging as requested: page size, page number, the cookie of the previous page, and the total-count flag.</summary>
internal sealed class PagingNode
{
    public int? Count { get; init; }

    public int? PageNumber { get; init; }

    public string? Cookie { get; init; }

    public bool ReturnTotalRecordCount { get; init; }
}
