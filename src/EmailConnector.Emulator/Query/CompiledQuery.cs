using EmailConnector.Emulator.Metadata;
namespace EmailConnector.Emulator.Query;

/// <summary>
/// A query checked against the schema: each table of the join has a slot (0 = primary table, then the links in
/// document order), conditions are compiled predicates over a tuple of slot rows, and sort keys know their slot.
/// </summary>
internal sealed class CompiledQuery
{
    public required QueryNode Node { get; init; }

    /// <summary>Slot 0 is the primary table; every later slot is a link whose parent slot is smaller.</summary>
    public required IReadOnlyList<TableSlot> Slots { get; init; }

    public required RowPredicate? Filter { get; init; }

    public required IReadOnlyList<SortKey> Orders { get; init; }

    /// <summary>Equality conditions every result must satisfy, usable for index seeks (the and-path of each filter).</summary>
    public required IReadOnlyList<SeekCondition> SeekConditions { get; init; }

    public TableSlot Root => Slots[0];
}

/// <summary>Evaluates a condition tree on one joined tuple (null entries are unmatched outer links).</summary>
internal delegate bool RowPredicate(IQueryRow?[] tuple);

/// <summary>One table of the join.</summary>
internal sealed class TableSlot
{
    public required int Index { get; init; }

    public required IQueryTable Table { get; init; }

    /// <summary>The alias results use: the given alias, or the default "&lt;table&gt;&lt;N&gt;" for links.</summary>
    public required string Alias { get; init; }

    public required ColumnSelection Columns { get; init; }

    public int ParentIndex { get; init; } = -1;

    public string LinkAttribute { get; init; } = string.Empty;

    public string ParentAttribute { get; init; } = string.Empty;

    public JoinKind Join { get; init; }

    /// <summary>Link criteria: part of the join condition, so failing rows leave an outer link unmatched.</summary>
    public RowPredicate? LinkFilter { get; init; }

    public string LogicalName => Table.LogicalName;
}

/// <summary>One sort key: a slot's column, or the primary id of a slot.</summary>
internal sealed record SortKey(int Slot, string Column, ColumnType Type, bool Descending, string CookieName);

/// <summary>A "column equals one of these values" fact that holds for every result row.</summary>
internal sealed record SeekCondition(int Slot, string Column, IReadOnlyList<object> Values);
