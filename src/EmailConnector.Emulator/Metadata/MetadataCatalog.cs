namespace EmailConnector.Emulator.Metadata;

/// <summary>Every table, relationship and global choice the emulator knows: the system catalog plus the solution.</summary>
public sealed class MetadataCatalog
{
    private readonly Dictionary<string, TableDefinition> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TableDefinition> _tablesBySet = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OneToManyRelationship> _oneToMany = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ManyToManyRelationship> _manyToMany = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OptionSetDefinition> _optionSets = new(StringComparer.Ordinal);

    public IEnumerable<TableDefinition> Tables => _tables.Values;

    public IEnumerable<OneToManyRelationship> OneToManyRelationships => _oneToMany.Values;

    public IEnumerable<ManyToManyRelationship> ManyToManyRelationships => _manyToMany.Values;

    public IEnumerable<OptionSetDefinition> OptionSets => _optionSets.Values;

    public TableDefinition? FindTable(string? logicalName) =>
        logicalName is not null && _tables.TryGetValue(logicalName, out var table) ? table : null;

    public TableDefinition? FindTableBySetName(string entitySetName) =>
        _tablesBySet.TryGetValue(entitySetName, out var table) ? table : null;

    public OneToManyRelationship? FindOneToMany(string schemaName) =>
        _oneToMany.TryGetValue(schemaName, out var r) ? r : null;

    public ManyToManyRelationship? FindManyToMany(string schemaName) =>
        _manyToMany.TryGetValue(schemaName, out var r) ? r : null;

    public OptionSetDefinition? FindOptionSet(string name) => _optionSets.TryGetValue(name, out var o) ? o : null;

    /// <summary>The 1:N relationships whose referenced (parent) side is the table.</summary>
    public IEnumerable<OneToManyRelationship> ChildRelationshipsOf(string table) =>
        _oneToMany.Values.Where(r => r.ReferencedTable == table);

    /// <summary>The N:N relationships with the table on either side.</summary>
    public IEnumerable<ManyToManyRelationship> ManyToManyOf(string table) =>
        _manyToMany.Values.Where(r => r.Entity1 == table || r.Entity2 == table);

    public void AddTable(TableDefinition table)
    {
        if (_tables.ContainsKey(table.LogicalName))
            throw new InvalidOperationException($"Table '{table.LogicalName}' is declared twice.");
        if (_tablesBySet.ContainsKey(table.EntitySetName))
            throw new InvalidOperationException($"Entity set name '{table.EntitySetName}' is declared twice.");
        _tables.Add(table.LogicalName, table);
        _tablesBySet.Add(table.EntitySetName, table);
    }

    public void AddRelationship(OneToManyRelationship relationship)
    {
        RequireColumn(relationship.ReferencingTable, relationship.ReferencingAttribute, relationship.SchemaName);
        RequireColumn(relationship.ReferencedTable, relationship.ReferencedAttribute, relationship.SchemaName);
        _oneToMany[relationship.SchemaName] = relationship;
    }

    public void AddRelationship(ManyToManyRelationship relationship)
    {
        RequireColumn(relationship.IntersectEntity, relationship.Entity1IntersectAttribute, relationship.SchemaName);
        RequireColumn(relationship.IntersectEntity, relationship.Entity2IntersectAttribute, relationship.SchemaName);
        if (FindTable(relationship.Entity1) is null || FindTable(relationship.Entity2) is null)
            throw new InvalidOperationException($"Relationship '{relationship.SchemaName}' names an unknown table.");
        _manyToMany[relationship.SchemaName] = relationship;
    }

    public void AddOptionSet(OptionSetDefinition optionSet) => _optionSets[optionSet.Name] = optionSet;

    private void RequireColumn(string table, string column, string relationship)
    {
        var definition = FindTable(table)
            ?? throw new InvalidOperationException($"Relationship '{relationship}' names unknown table '{table}'.");
        if (!definition.HasColumn(column))
            throw new InvalidOperationException($"Relationship '{relationship}' names unknown column '{table}.{column}'.");
    }
}
