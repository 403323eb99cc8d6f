using EmailConnector.Emulator.Query;

namespace EmailConnector.Emulator.Storage;

/// <summary>
/// For one indexed key column and one Guid-valued column of a table: per key value, the (value, row id) pairs in
/// keyset order. It answers "the distinct listmember.entityid values of list X from this contact id on" without
/// reading or sorting the list's rows, which is what one page of a list's members needs. The row id is part of the
/// entry so that two rows with the same value (a member added twice through a plain Create) are both kept.
/// </summary>
internal sealed class OrderedValueIndex(int keySlot, int valueSlot)
{
    private static readonly Guid MinId = Guid.Empty;
    private readonly Dictionary<object, SortedBlockList<(Guid Value, Guid RowId)>> _byKey = new(IndexKeyComparer.Instance);

    public int KeySlot { get; } = keySlot;

    public int ValueSlot { get; } = valueSlot;

    public void Add(Guid id, object?[] row)
    {
        if (Entry(id, row) is not { } found)
            return;
        if (!_byKey.TryGetValue(found.Key, out var values))
            _byKey[found.Key] = values = new SortedBlockList<(Guid, Guid)>();
        values.Add(found.Entry);
    }

    public void Remove(Guid id, object?[] row)
    {
        if (Entry(id, row) is not { } found || !_byKey.TryGetValue(found.Key, out var values))
            return;
        values.Remove(found.Entry);
        if (values.Count == 0)
            _byKey.Remove(found.Key);
    }

    public void Clear() => _byKey.Clear();

    public IOrderedValues Find(object key) =>
        _byKey.TryGetValue(key, out var values) ? new Values(values) : Values.Empty;

    private (object Key, (Guid, Guid) Entry)? Entry(Guid id, object?[] row)
    {
        if (row[KeySlot] is not { } key || row[ValueSlot] is not { } value)
            return null;
        var guid = value switch
        {
            LookupValue lookup => lookup.Id,
            Guid g => g,
            _ => throw new InvalidOperationException($"Slot {ValueSlot} does not hold Guids."),
        };
        return (IndexKeyComparer.Normalize(key), (guid, id));
    }

    private sealed class Values(SortedBlockList<(Guid Value, Guid RowId)> values) : IOrderedValues
    {
        public static readonly Values Empty = new(new SortedBlockList<(Guid, Guid)>());

        public int RowCount => values.Count;

        public IEnumerable<Guid> From(Guid? start)
        {
            var previous = (Guid?)null;
            foreach (var (value, _) in values.From((start ?? MinId, MinId)))
            {
                if (value != previous)
                    yield return value;
                previous = value;
            }
        }
    }
}
