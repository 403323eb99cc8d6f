using EmailConnector.Emulator.Query;

namespace EmailConnector.Emulator.Storage;

/// <summary>A read-only view of a stored row that hands out fresh SDK-typed values.</summary>
internal sealed class StoredRow(TableStore table, Guid id, object?[] values) : IQueryRow
{
    public Guid Id { get; } = id;

    public object? this[string column] =>
        table.SlotOf(column) is { } slot ? ValueConverter.ToSdk(table.ColumnAt(slot), values[slot], table.NameOf) : null;

    // Straight from the stored value: comparisons and joins never pay for building an EntityReference with its name.
    public object? GetScalar(string column)
    {
        if (table.SlotOf(column) is not { } slot)
            return null;
        return values[slot] switch
        {
            LookupValue lookup => lookup.Id,
            int[] multi => ValueConverter.ToSdk(table.ColumnAt(slot), multi),
            var value => value,
        };
    }

    public IEnumerable<KeyValuePair<string, object>> Values
    {
        get
        {
            for (var slot = 0; slot < values.Length; slot++)
            {
                if (values[slot] is { } value)
                {
                    var column = table.ColumnAt(slot);
                    yield return new KeyValuePair<string, object>(column.LogicalName, ValueConverter.ToSdk(column, value, table.NameOf)!);
                }
            }
        }
    }
}
