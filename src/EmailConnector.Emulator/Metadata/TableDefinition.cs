namespace EmailConnector.Emulator.Metadata;

/// <summary>
/// One table: names, primary columns, columns, state/status pairs, alternate keys and the messages it supports.
/// Built once at start-up (system catalog plus the solution) and read-only afterwards.
/// </summary>
public sealed class TableDefinition
{
    private readonly Dictionary<string, ColumnDefinition> _columns = new(StringComparer.Ordinal);
    private readonly List<ColumnDefinition> _columnOrder = [];
    private readonly List<StateDefinition> _states = [];
    private readonly List<AlternateKeyDefinition> _keys = [];

    public TableDefinition(string logicalName, string entitySetName, string primaryIdAttribute, string? primaryNameAttribute)
    {
        if (logicalName != logicalName.ToLowerInvariant())
            throw new ArgumentException($"A table logical name must be lower case: '{logicalName}'.", nameof(logicalName));
        LogicalName = logicalName;
        EntitySetName = entitySetName;
        PrimaryIdAttribute = primaryIdAttribute;
        PrimaryNameAttribute = primaryNameAttribute;
    }

    public string LogicalName { get; }

    public string EntitySetName { get; }

    public string PrimaryIdAttribute { get; }

    public string? PrimaryNameAttribute { get; }

    public int? ObjectTypeCode { get; init; }

    public OwnershipType Ownership { get; init; } = OwnershipType.UserOwned;

    /// <summary>Activity tables share their id with an activitypointer row.</summary>
    public bool IsActivity { get; init; }

    /// <summary>False for tables that Dataverse exposes without an Update message (listmember, campaignactivityitem).</summary>
    public bool SupportsUpdate { get; init; } = true;

    /// <summary>False for tables Dataverse only lets you read (activitypointer, activityparty).</summary>
    public bool SupportsCreate { get; init; } = true;

    /// <summary>Whether the table came from the solution rather than the built-in catalog.</summary>
    public bool IsCustom { get; init; }

    public IReadOnlyList<ColumnDefinition> Columns => _columnOrder;

    public IReadOnlyList<StateDefinition> States => _states;

    public IReadOnlyList<AlternateKeyDefinition> AlternateKeys => _keys;

    public bool HasStateModel => _states.Count > 0;

    public ColumnDefinition? FindColumn(string logicalName) =>
        logicalName is not null && _columns.TryGetValue(logicalName, out var column) ? column : null;

    public bool HasColumn(string logicalName) => FindColumn(logicalName) is not null;

    public StateDefinition? FindState(int state) => _states.FirstOrDefault(s => s.State == state);

    /// <summary>The state a status value belongs to, or null when the status is unknown.</summary>
    public StateDefinition? StateOfStatus(int status) => _states.FirstOrDefault(s => s.Statuses.Contains(status));

    public StateDefinition? DefaultState => _states.Count == 0 ? null : _states[0];

    internal void AddColumn(ColumnDefinition column)
    {
        if (_columns.TryGetValue(column.LogicalName, out var existing))
        {
            // A solution may restate a system column (e.g. adding options to a system choice): the later one wins.
            _columnOrder[_columnOrder.IndexOf(existing)] = column;
            _columns[column.LogicalName] = column;
            return;
        }
        _columns.Add(column.LogicalName, column);
        _columnOrder.Add(column);
    }

    internal void SetStates(IEnumerable<StateDefinition> states)
    {
        _states.Clear();
        _states.AddRange(states.OrderBy(s => s.State));
    }

    internal void AddKey(AlternateKeyDefinition key)
    {
        foreach (var column in key.Columns)
        {
            if (!_columns.ContainsKey(column))
                throw new InvalidOperationException($"Alternate key '{key.LogicalName}' of '{LogicalName}' names unknown column '{column}'.");
        }
        _keys.RemoveAll(k => k.LogicalName == key.LogicalName);
        _keys.Add(key);
    }

    public override string ToString() => LogicalName;
}
