using EmailConnector.Emulator.Metadata;
namespace EmailConnector.Emulator.Query;

// The seam between the store (Storage/, Metadata/) and the query engine (Query/). The store implements these
// interfaces; the engine reads only through them, so it never touches the store's internals and the store never
// knows how a query is planned.

/// <summary>What the query engine reads: tables by logical name.</summary>
public interface IQueryStore
{
    /// <summary>The table, or the Dataverse fault for an unknown table (0x80040217-style message per Faults/).</summary>
    IQueryTable GetTable(string logicalName);

    /// <summary>Whether a table of that logical name exists.</summary>
    bool HasTable(string logicalName);
}

/// <summary>One table as the query engine sees it: schema facts plus row access.</summary>
public interface IQueryTable
{
    string LogicalName { get; }

    string PrimaryIdAttribute { get; }

    /// <summary>Null for tables without a primary name column (intersect tables).</summary>
    string? PrimaryNameAttribute { get; }

    /// <summary>The column's declared type; throws the Dataverse unknown-attribute fault for an unknown column.</summary>
    ColumnType GetColumnType(string column);

    bool HasColumn(string column);

    /// <summary>The target tables of a lookup column (empty for non-lookups).</summary>
    IReadOnlyList<string> GetLookupTargets(string column);

    /// <summary>Number of rows, for planning.</summary>
    int Count { get; }

    /// <summary>Every row, ordered by primary id (the store's keyset order, see <see cref="QueryRowOrder"/>).</summary>
    IEnumerable<IQueryRow> Scan();

    /// <summary>Rows with an id greater than <paramref name="afterId"/>, in keyset order.</summary>
    IEnumerable<IQueryRow> ScanAfter(Guid afterId);

    IQueryRow? Find(Guid id);

    /// <summary>
    /// Rows whose column equals the value, through an index, in keyset order; null when the column is not indexed
    /// (the engine then scans). Indexed: the primary id, every lookup column, and alternate-key columns. Values are
    /// compared as the store keeps them (a Guid for lookups, case-insensitive for strings).
    /// </summary>
    IEnumerable<IQueryRow>? Seek(string column, object value);

    /// <summary>
    /// The distinct values of the Guid-valued <paramref name="valueColumn"/> over the rows whose indexed
    /// <paramref name="keyColumn"/> equals <paramref name="key"/>, readable in keyset order from any point on; null
    /// when the store keeps no such order (the engine then reads those rows and sorts their values on every query).
    /// </summary>
    IOrderedValues? SeekOrdered(string keyColumn, object key, string valueColumn) => null;
}

/// <summary>Distinct Guid values of one column over the rows sharing one key value, in keyset order.</summary>
public interface IOrderedValues
{
    /// <summary>How many rows hold the key (at least the number of distinct values), for planning.</summary>
    int RowCount { get; }

    /// <summary>The values ≥ <paramref name="start"/> (all when null), ascending, read lazily.</summary>
    IEnumerable<Guid> From(Guid? start);
}

/// <summary>A stored row, read-only. Values are SDK-typed exactly as on an Entity; absent means null.</summary>
public interface IQueryRow
{
    Guid Id { get; }

    /// <summary>The value, or null when the column has no value.</summary>
    object? this[string column] { get; }

    /// <summary>All non-null values.</summary>
    IEnumerable<KeyValuePair<string, object>> Values { get; }

    /// <summary>
    /// The value reduced to what conditions, joins and sort keys compare: a lookup's Guid, a choice's int, money's
    /// decimal, anything else as stored; null when absent. A store may override this to skip building SDK values
    /// (an EntityReference with its Name) for every row a query only compares.
    /// </summary>
    object? GetScalar(string column) => this[column] switch
    {
        Microsoft.Xrm.Sdk.EntityReference reference => reference.Id,
        Microsoft.Xrm.Sdk.OptionSetValue option => option.Value,
        Microsoft.Xrm.Sdk.Money money => money.Value,
        var value => value,
    };
}

/// <summary>The one ordering of primary ids used by scans, indexes and paging cookies.</summary>
public static class QueryRowOrder
{
    /// <summary>Guids compare by their byte order as <see cref="Guid.CompareTo(Guid)"/> does.</summary>
    public static readonly IComparer<Guid> Ids = Comparer<Guid>.Default;
}
