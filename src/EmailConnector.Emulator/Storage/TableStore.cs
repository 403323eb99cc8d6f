using EmailConnector.Emulator.Faults;
using EmailConnector.Emulator.Metadata;
using EmailConnector.Emulator.Query;

namespace EmailConnector.Emulator.Storage;

/// <summary>
/// The rows of one table. A row is an object?[] with one slot per column (the table's column layout), never mutated
/// after it is stored: a write stores a new array, which lets the undo journal and snapshots keep the old one without
/// copying. Ids are kept in keyset order; the primary id, every lookup and every alternate-key column are indexed.
/// </summary>
public sealed class TableStore : IQueryTable
{
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly ColumnDefinition[] _columnsBySlot;
    private readonly Dictionary<Guid, object?[]> _rows = [];
    private readonly SortedSet<Guid> _order = new(QueryRowOrder.Ids);
    private readonly Dictionary<int, ValueIndex> _indexes = [];
    private readonly List<(AlternateKeyDefinition Key, int[] Slots, Dictionary<CompositeKey, Guid> Rows)> _keys = [];
    private readonly List<OrderedValueIndex> _orderedIndexes = [];

    internal TableStore(TableDefinition definition, Func<LookupValue, string?> nameOf)
    {
        Definition = definition;
        NameOf = nameOf;
        var stored = definition.Columns.Where(c => c.Type != ColumnType.PartyList).ToArray();
        _columnsBySlot = stored;
        for (var i = 0; i < stored.Length; i++)
            _slots[stored[i].LogicalName] = i;
        var keyColumns = definition.AlternateKeys.SelectMany(k => k.Columns).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < stored.Length; i++)
        {
            if (stored[i].Type.IsLookup() || stored[i].Type == ColumnType.Uniqueidentifier && i != _slots[definition.PrimaryIdAttribute] || keyColumns.Contains(stored[i].LogicalName))
                _indexes[i] = new ValueIndex(stored[i].Type.IsLookup() || stored[i].Type == ColumnType.Uniqueidentifier);
        }
        foreach (var key in definition.AlternateKeys)
            _keys.Add((key, key.Columns.Select(c => _slots[c]).ToArray(), new Dictionary<CompositeKey, Guid>()));
        PrimaryIdSlot = _slots[definition.PrimaryIdAttribute];
    }

    public TableDefinition Definition { get; }

    internal Func<LookupValue, string?> NameOf { get; }

    internal int PrimaryIdSlot { get; }

    internal int SlotCount => _columnsBySlot.Length;

    public string LogicalName => Definition.LogicalName;

    public string PrimaryIdAttribute => Definition.PrimaryIdAttribute;

    public string? PrimaryNameAttribute => Definition.PrimaryNameAttribute;

    public int Count => _rows.Count;

    internal IReadOnlyList<ColumnDefinition> StoredColumns => _columnsBySlot;

    internal int? SlotOf(string column) => _slots.TryGetValue(column, out var slot) ? slot : null;

    internal ColumnDefinition ColumnAt(int slot) => _columnsBySlot[slot];

    internal object?[]? Get(Guid id) => _rows.TryGetValue(id, out var row) ? row : null;

    internal IEnumerable<Guid> Ids => _order;

    public ColumnType GetColumnType(string column)
    {
        var definition = Definition.FindColumn(column) ?? throw OrganizationFaults.UnknownAttribute(LogicalName, column);
        return definition.Type switch
        {
            ColumnType.PartyList => throw new NotSupportedException($"Querying party list column '{LogicalName}.{column}' is not supported; query activityparty instead."),
            _ => definition.Type,
        };
    }

    public bool HasColumn(string column) => Definition.HasColumn(column);

    public IReadOnlyList<string> GetLookupTargets(string column) =>
        Definition.FindColumn(column) is { } c && c.Type.IsLookup() ? c.Targets : [];

    public IEnumerable<IQueryRow> Scan()
    {
        foreach (var id in _order)
            yield return new StoredRow(this, id, _rows[id]);
    }

    public IEnumerable<IQueryRow> ScanAfter(Guid afterId)
    {
        if (_order.Count == 0 || QueryRowOrder.Ids.Compare(afterId, _order.Max) >= 0)
            yield break;
        foreach (var id in _order.GetViewBetween(afterId, _order.Max))
        {
            if (id != afterId)
                yield return new StoredRow(this, id, _rows[id]);
        }
    }

    public IQueryRow? Find(Guid id) => _rows.TryGetValue(id, out var row) ? new StoredRow(this, id, row) : null;

    public IEnumerable<IQueryRow>? Seek(string column, object value)
    {
        if (column == PrimaryIdAttribute)
        {
            var id = value switch
            {
                Guid g => g,
                Microsoft.Xrm.Sdk.EntityReference r => r.Id,
                _ => (Guid?)null,
            };
            var row = id is null ? null : Find(id.Value);
            return row is null ? [] : [row];
        }
        if (!_slots.TryGetValue(column, out var slot) || !_indexes.TryGetValue(slot, out var index))
            return null;
        return index.Find(NormalizeKey(value)) is { } bucket ? SeekRows(bucket) : [];
    }

    /// <summary>
    /// Served by an ordered value index on (keyColumn, valueColumn), made the first time a query asks and then kept
    /// up to date by every write (rollbacks and restores included, as they go through <see cref="Put"/>). Both columns
    /// must be stored here: the key column indexed, the value column Guid-valued (a lookup, a unique identifier or the
    /// primary id). Memory stays bounded: at most one such index per pair of this table's columns, one entry per row.
    /// </summary>
    public IOrderedValues? SeekOrdered(string keyColumn, object key, string valueColumn)
    {
        if (!_slots.TryGetValue(keyColumn, out var keySlot) || !_indexes.ContainsKey(keySlot)
            || !_slots.TryGetValue(valueColumn, out var valueSlot) || !IsGuidValued(valueSlot))
            return null;
        var index = _orderedIndexes.Find(i => i.KeySlot == keySlot && i.ValueSlot == valueSlot);
        if (index is null)
        {
            index = new OrderedValueIndex(keySlot, valueSlot);
            foreach (var (id, row) in _rows)
                index.Add(id, row);
            _orderedIndexes.Add(index);
        }
        return index.Find(NormalizeKey(key));
    }

    private bool IsGuidValued(int slot) =>
        slot == PrimaryIdSlot || _columnsBySlot[slot].Type.IsLookup() || _columnsBySlot[slot].Type == ColumnType.Uniqueidentifier;

    private static object NormalizeKey(object value) => value switch
    {
        Microsoft.Xrm.Sdk.EntityReference r => r.Id,
        Microsoft.Xrm.Sdk.OptionSetValue o => o.Value,
        Microsoft.Xrm.Sdk.Money m => m.Value,
        _ => IndexKeyComparer.Normalize(value),
    };

    // Most buckets of a lookup index hold one row (listmember.entityid per contact): answered without an iterator.
    private IEnumerable<IQueryRow> SeekRows(IdBucket bucket) =>
        bucket.Count == 1 && bucket.Any() is { } id ? [new StoredRow(this, id, _rows[id])] : SeekMany(bucket);

    private IEnumerable<IQueryRow> SeekMany(IdBucket bucket)
    {
        foreach (var id in bucket.Ids())
            yield return new StoredRow(this, id, _rows[id]);
    }

    /// <summary>Ids of rows whose indexed column holds the value (a Guid for lookups); a copy, safe to modify the table while reading.</summary>
    internal List<Guid> IdsWhere(int slot, object value)
    {
        if (!_indexes.TryGetValue(slot, out var index))
            throw new InvalidOperationException($"Column '{LogicalName}.{_columnsBySlot[slot].LogicalName}' is not indexed.");
        return index.Find(IndexKeyComparer.Normalize(value)) is { } bucket ? bucket.Ids().ToList() : [];
    }

    internal bool IsIndexed(int slot) => _indexes.ContainsKey(slot);

    /// <summary>The row holding these alternate-key values, if any; values as stored.</summary>
    internal Guid? FindByKey(AlternateKeyDefinition key, object[] storedValues)
    {
        var entry = _keys.First(k => k.Key.LogicalName == key.LogicalName);
        return entry.Rows.TryGetValue(new CompositeKey(storedValues.Select(IndexKeyComparer.Normalize).ToArray()), out var id) ? id : null;
    }

    /// <summary>Throws the duplicate-key fault when storing the row would break an alternate key.</summary>
    internal void CheckKeys(Guid id, object?[] row)
    {
        foreach (var (key, slots, rows) in _keys)
        {
            var composite = KeyOf(slots, row);
            if (composite is not null && rows.TryGetValue(composite, out var owner) && owner != id)
            {
                var description = string.Join(", ", key.Columns.Zip(composite.Values, (c, v) => $"{c}:{v}"));
                throw OrganizationFaults.DuplicateKey(LogicalName, "(" + description + ")");
            }
        }
    }

    /// <summary>Stores, replaces (row not null) or removes (row null) a row and maintains order, indexes and keys.</summary>
    internal void Put(Guid id, object?[]? row)
    {
        var old = Get(id);
        if (old is not null)
            Unindex(id, old);
        if (row is null)
        {
            if (old is not null)
            {
                _rows.Remove(id);
                _order.Remove(id);
            }
            return;
        }
        _rows[id] = row;
        if (old is null)
            _order.Add(id);
        Index(id, row);
    }

    internal void Clear()
    {
        _rows.Clear();
        _order.Clear();
        foreach (var index in _indexes.Values)
            index.Clear();
        foreach (var key in _keys)
            key.Rows.Clear();
        foreach (var ordered in _orderedIndexes)
            ordered.Clear();
    }

    internal Dictionary<Guid, object?[]> CopyRows() => new(_rows);

    internal void Load(Dictionary<Guid, object?[]> rows)
    {
        Clear();
        foreach (var (id, row) in rows)
            Put(id, row);
    }

    private void Index(Guid id, object?[] row)
    {
        foreach (var (slot, index) in _indexes)
        {
            if (row[slot] is { } value)
                index.Add(value, id);
        }
        foreach (var (_, slots, rows) in _keys)
        {
            if (KeyOf(slots, row) is { } composite)
                rows[composite] = id;
        }
        foreach (var ordered in _orderedIndexes)
            ordered.Add(id, row);
    }

    private void Unindex(Guid id, object?[] row)
    {
        foreach (var (slot, index) in _indexes)
        {
            if (row[slot] is { } value)
                index.Remove(value, id);
        }
        foreach (var (_, slots, rows) in _keys)
        {
            if (KeyOf(slots, row) is { } composite && rows.TryGetValue(composite, out var owner) && owner == id)
                rows.Remove(composite);
        }
        foreach (var ordered in _orderedIndexes)
            ordered.Remove(id, row);
    }

    // A key with a null column does not take part in uniqueness (unverified: Dataverse key indexes and nulls).
    private static CompositeKey? KeyOf(int[] slots, object?[] row)
    {
        var values = new object[slots.Length];
        for (var i = 0; i < slots.Length; i++)
        {
            if (row[slots[i]] is not { } value)
                return null;
            values[i] = IndexKeyComparer.Normalize(value);
        }
        return new CompositeKey(values);
    }
}
