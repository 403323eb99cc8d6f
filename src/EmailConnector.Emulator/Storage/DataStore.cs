using EmailConnector.Emulator.Faults;
using EmailConnector.Emulator.Metadata;
using EmailConnector.Emulator.Query;

namespace EmailConnector.Emulator.Storage;

/// <summary>
/// All tables of the emulated org, the row-version counter, and the undo journal of the open transaction. Writes go
/// through <see cref="Put"/>, which records the previous row only while a transaction is open, so bulk loads outside a
/// request pay nothing for it.
/// </summary>
public sealed class DataStore : IQueryStore
{
    private readonly Dictionary<string, TableStore> _tables = new(StringComparer.Ordinal);
    private List<(TableStore Table, Guid Id, object?[]? Before)>? _journal;
    private long _version;

    public DataStore(MetadataCatalog catalog)
    {
        Catalog = catalog;
        foreach (var table in catalog.Tables)
            _tables[table.LogicalName] = new TableStore(table, NameOf);
    }

    public MetadataCatalog Catalog { get; }

    public bool InTransaction => _journal is not null;

    public IQueryTable GetTable(string logicalName) => Table(logicalName);

    public bool HasTable(string logicalName) => _tables.ContainsKey(logicalName);

    public TableStore Table(string? logicalName) =>
        logicalName is not null && _tables.TryGetValue(logicalName, out var table) ? table : throw OrganizationFaults.UnknownEntity(logicalName);

    internal long NextVersion() => ++_version;

    internal void Put(TableStore table, Guid id, object?[]? row)
    {
        _journal?.Add((table, id, table.Get(id)));
        table.Put(id, row);
    }

    internal void BeginTransaction()
    {
        if (_journal is not null)
            throw new InvalidOperationException("A transaction is already open.");
        _journal = [];
    }

    internal void Commit() => _journal = null;

    internal void Rollback()
    {
        var journal = _journal ?? throw new InvalidOperationException("No transaction is open.");
        _journal = null;
        for (var i = journal.Count - 1; i >= 0; i--)
        {
            var (table, id, before) = journal[i];
            table.Put(id, before);
        }
    }

    internal StoreSnapshot Snapshot()
    {
        if (_journal is not null)
            throw new InvalidOperationException("A snapshot cannot be taken inside a transaction.");
        return new StoreSnapshot(_tables.ToDictionary(t => t.Key, t => t.Value.CopyRows()), _version);
    }

    internal void Restore(StoreSnapshot snapshot)
    {
        if (_journal is not null)
            throw new InvalidOperationException("A snapshot cannot be restored inside a transaction.");
        foreach (var (name, table) in _tables)
            table.Load(snapshot.Rows.TryGetValue(name, out var rows) ? new Dictionary<Guid, object?[]>(rows) : []);
        _version = snapshot.Version;
    }

    internal void Clear()
    {
        foreach (var table in _tables.Values)
            table.Clear();
        _journal = null;
    }

    private string? NameOf(LookupValue lookup)
    {
        if (!_tables.TryGetValue(lookup.LogicalName, out var table) || table.Definition.PrimaryNameAttribute is not { } name)
            return null;
        var row = table.Get(lookup.Id);
        return row is not null && table.SlotOf(name) is { } slot ? row[slot] as string : null;
    }
}

/// <summary>An opaque copy of the whole store; rows are shared with the store because stored rows are never mutated.</summary>
public sealed class StoreSnapshot
{
    internal StoreSnapshot(Dictionary<string, Dictionary<Guid, object?[]>> rows, long version)
    {
        Rows = rows;
        Version = version;
    }

    internal Dictionary<string, Dictionary<Guid, object?[]>> Rows { get; }

    internal long Version { get; }
}
