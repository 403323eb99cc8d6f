using EmailConnector.Emulator.Metadata;
using System.ServiceModel;
using EmailConnector.Emulator.Query;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Tests.Query.Support;

/// <summary>
/// A small store that honours the IQueryStore contract: rows in Guid.CompareTo order, real indexes on the primary
/// id, lookups and declared key columns, and counters that show whether a query scanned a table.
/// </summary>
internal sealed class InMemoryQueryStore : IQueryStore
{
    private readonly Dictionary<string, InMemoryQueryTable> _tables = new(StringComparer.Ordinal);

    public InMemoryQueryTable AddTable(string name, string primaryId, string? primaryName)
    {
        var table = new InMemoryQueryTable(name, primaryId, primaryName);
        _tables.Add(name, table);
        return table;
    }

    public IQueryTable GetTable(string logicalName) =>
        _tables.TryGetValue(logicalName, out var table)
            ? table
            : throw Fault(unchecked((int)0x80040217), $"Could not find a table with the logical name '{logicalName}'.");

    public InMemoryQueryTable Table(string logicalName) => _tables[logicalName];

    public bool HasTable(string logicalName) => _tables.ContainsKey(logicalName);

    public static FaultException<OrganizationServiceFault> Fault(int code, string message) =>
        new(new OrganizationServiceFault { ErrorCode = code, Message = message }, new FaultReason(message));
}

internal sealed class InMemoryQueryTable : IQueryTable
{
    private static readonly Guid MaxId = new("ffffffff-ffff-ffff-ffff-ffffffffffff");
    private readonly Dictionary<string, ColumnType> _columns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _targets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<object, SortedSet<Guid>>> _indexes = new(StringComparer.Ordinal);
    private readonly SortedSet<Guid> _ids = new(QueryRowOrder.Ids);
    private readonly Dictionary<Guid, InMemoryQueryRow> _rows = [];

    public InMemoryQueryTable(string logicalName, string primaryId, string? primaryName)
    {
        LogicalName = logicalName;
        PrimaryIdAttribute = primaryId;
        PrimaryNameAttribute = primaryName;
        _columns[primaryId] = ColumnType.Uniqueidentifier;
    }

    public string LogicalName { get; }

    public string PrimaryIdAttribute { get; }

    public string? PrimaryNameAttribute { get; }

    public int Count => _rows.Count;

    public int ScanCount { get; private set; }

    public int SeekCount { get; private set; }

    public InMemoryQueryTable Column(string name, ColumnType type, params string[] targets)
    {
        _columns[name] = type;
        if (targets.Length > 0)
        {
            _targets[name] = targets;
            _indexes[name] = new Dictionary<object, SortedSet<Guid>>(QueryValues.KeyComparer);
        }

        return this;
    }

    public InMemoryQueryTable Key(string column)
    {
        _indexes[column] = new Dictionary<object, SortedSet<Guid>>(QueryValues.KeyComparer);
        return this;
    }

    public ColumnType GetColumnType(string column) =>
        _columns.TryGetValue(column, out var type)
            ? type
            : throw InMemoryQueryStore.Fault(
                unchecked((int)0x80041103),
                $"'{LogicalName}' entity doesn't contain attribute with Name = '{column}' and NameMapping = 'Logical'.");

    public bool HasColumn(string column) => _columns.ContainsKey(column);

    public IReadOnlyList<string> GetLookupTargets(string column) => _targets.TryGetValue(column, out var t) ? t : [];

    public IEnumerable<IQueryRow> Scan()
    {
        ScanCount++;
        return _ids.ToList().Select(id => _rows[id]);
    }

    public IEnumerable<IQueryRow> ScanAfter(Guid afterId)
    {
        ScanCount++;
        return _ids.GetViewBetween(afterId, MaxId).Where(id => id != afterId).ToList().Select(id => _rows[id]);
    }

    public IQueryRow? Find(Guid id) => _rows.GetValueOrDefault(id);

    public IEnumerable<IQueryRow>? Seek(string column, object value)
    {
        if (column == PrimaryIdAttribute)
        {
            return value is Guid id && Find(id) is { } row ? [row] : [];
        }

        if (!_indexes.TryGetValue(column, out var index))
        {
            return null;
        }

        SeekCount++;
        return index.TryGetValue(value, out var ids) ? ids.Select(id => _rows[id]).ToList() : [];
    }

    /// <summary>Inserts or replaces a row; values are kept SDK-typed, nulls dropped.</summary>
    public Guid Put(Guid id, params (string Column, object? Value)[] values)
    {
        Remove(id);
        var row = new InMemoryQueryRow(id);
        row.Set(PrimaryIdAttribute, id);
        foreach (var (column, value) in values)
        {
            GetColumnType(column);
            row.Set(column, value);
        }

        _rows[id] = row;
        _ids.Add(id);
        Index(row, add: true);
        return id;
    }

    /// <summary>Changes some columns of an existing row, as an Update would.</summary>
    public void Update(Guid id, params (string Column, object? Value)[] values)
    {
        var row = _rows[id];
        Index(row, add: false);
        foreach (var (column, value) in values)
        {
            GetColumnType(column);
            row.Set(column, value);
        }

        Index(row, add: true);
    }

    public void Remove(Guid id)
    {
        if (_rows.Remove(id, out var row))
        {
            _ids.Remove(id);
            Index(row, add: false);
        }
    }

    public InMemoryQueryRow Row(Guid id) => _rows[id];

    private void Index(InMemoryQueryRow row, bool add)
    {
        foreach (var (column, index) in _indexes)
        {
            if (QueryValues.Scalar(row[column]) is not { } key)
            {
                continue;
            }

            if (!index.TryGetValue(key, out var ids))
            {
                index[key] = ids = new SortedSet<Guid>(QueryRowOrder.Ids);
            }

            if (add)
            {
                ids.Add(row.Id);
            }
            else
            {
                ids.Remove(row.Id);
            }
        }
    }
}

internal sealed class InMemoryQueryRow : IQueryRow
{
    private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal);

    public InMemoryQueryRow(Guid id) => Id = id;

    public Guid Id { get; }

    public object? this[string column] => _values.GetValueOrDefault(column);

    public IEnumerable<KeyValuePair<string, object>> Values => _values;

    public void Set(string column, object? value)
    {
        if (value is null)
        {
            _values.Remove(column);
        }
        else
        {
            _values[column] = value;
        }
    }
}
