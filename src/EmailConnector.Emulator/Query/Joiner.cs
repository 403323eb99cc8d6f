namespace EmailConnector.Emulator.Query;

/// <summary>
/// Expands primary rows into joined tuples. Each link finds its rows by the primary id, by the store's index on the
/// link column, or (for unindexed columns) by a hash table built once per query. Link criteria belong to the join:
/// an outer link whose rows all fail them stays unmatched (null), an inner link drops the tuple.
/// </summary>
internal sealed class Joiner
{
    private readonly CompiledQuery _query;
    private readonly Dictionary<int, Dictionary<object, List<IQueryRow>>> _hashes = [];

    public Joiner(CompiledQuery query) => _query = query;

    public IEnumerable<Match> Matches(IEnumerable<IQueryRow> candidates)
    {
        var filter = _query.Filter;
        var slotCount = _query.Slots.Count;

        // The tuples of one primary row are built eagerly into a reused buffer: nested iterators per link level cost
        // several allocations per row, and the rows of one primary row are never more than its links hold.
        var expanded = new List<IQueryRow?[]>();
        foreach (var row in candidates)
        {
            var tuple = new IQueryRow?[slotCount];
            tuple[0] = row;
            if (slotCount == 1)
            {
                if (filter is null || filter(tuple))
                {
                    yield return new Match(tuple, Keys(tuple));
                }

                continue;
            }

            expanded.Clear();
            Expand(tuple, 1, expanded);
            foreach (var joined in expanded)
            {
                if (filter is null || filter(joined))
                {
                    yield return new Match(joined, Keys(joined));
                }
            }
        }
    }

    private void Expand(IQueryRow?[] tuple, int slotIndex, List<IQueryRow?[]> output)
    {
        if (slotIndex == _query.Slots.Count)
        {
            // A plain copy: Array.Clone goes through the runtime's generic object copy, several times slower here.
            var copy = new IQueryRow?[tuple.Length];
            tuple.AsSpan().CopyTo(copy);
            output.Add(copy);
            return;
        }

        var slot = _query.Slots[slotIndex];
        var parent = tuple[slot.ParentIndex];
        var matched = false;
        if (parent is not null)
        {
            foreach (var row in LinkRows(slot, parent))
            {
                tuple[slotIndex] = row;
                if (slot.LinkFilter is not null && !slot.LinkFilter(tuple))
                {
                    continue;
                }

                matched = true;
                Expand(tuple, slotIndex + 1, output);
            }
        }

        tuple[slotIndex] = null;
        if (!matched && slot.Join == JoinKind.LeftOuter)
        {
            Expand(tuple, slotIndex + 1, output);
        }
    }

    private IEnumerable<IQueryRow> LinkRows(TableSlot slot, IQueryRow parent)
    {
        var parentSlot = _query.Slots[slot.ParentIndex];
        object? value = slot.ParentAttribute == parentSlot.Table.PrimaryIdAttribute
            ? parent.Id
            : QueryValues.Scalar(parent.GetScalar(slot.ParentAttribute));
        if (value is null)
        {
            return [];
        }

        var table = slot.Table;
        if (slot.LinkAttribute == table.PrimaryIdAttribute)
        {
            return value is Guid id && table.Find(id) is { } row ? [row] : [];
        }

        if (table.Seek(slot.LinkAttribute, value) is { } indexed)
        {
            return indexed;
        }

        return Hash(slot).TryGetValue(value, out var rows) ? rows : [];
    }

    private Dictionary<object, List<IQueryRow>> Hash(TableSlot slot)
    {
        if (!_hashes.TryGetValue(slot.Index, out var hash))
        {
            hash = new Dictionary<object, List<IQueryRow>>(QueryValues.KeyComparer);
            foreach (var row in slot.Table.Scan())
            {
                if (QueryValues.Scalar(row.GetScalar(slot.LinkAttribute)) is { } key)
                {
                    if (!hash.TryGetValue(key, out var list))
                    {
                        hash[key] = list = [];
                    }

                    list.Add(row);
                }
            }

            _hashes[slot.Index] = hash;
        }

        return hash;
    }

    private object?[] Keys(IQueryRow?[] tuple)
    {
        var keys = new object?[_query.Orders.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            var key = _query.Orders[i];
            var row = tuple[key.Slot];
            keys[i] = row is null
                ? null
                : key.Column == _query.Slots[key.Slot].Table.PrimaryIdAttribute ? row.Id : QueryValues.Scalar(row.GetScalar(key.Column));
        }

        return keys;
    }
}
