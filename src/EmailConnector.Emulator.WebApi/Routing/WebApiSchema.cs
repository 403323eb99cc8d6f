using EmailConnector.Emulator.Metadata;

namespace EmailConnector.Emulator.WebApi.Routing;

/// <summary>A single-valued navigation property: the lookup column it sets and the table it points at.</summary>
internal sealed record SingleNavigation(string Name, ColumnDefinition Column, string? Target);

/// <summary>A collection-valued navigation property: a 1:N (parent side) or an N:N relationship.</summary>
internal sealed record CollectionNavigation(string Name, string RelationshipSchemaName, string RelatedTable, bool IsManyToMany);

/// <summary>
/// The Web API's view of the catalog (dataverse.md §3.2): entity sets, and navigation property names from the
/// relationships. A lookup no relationship names gets the Dataverse pattern: the column name for one target (and for
/// owner lookups), <c>&lt;column&gt;_&lt;target&gt;</c> for polymorphic ones.
/// </summary>
internal sealed class WebApiSchema
{
    private readonly Dictionary<string, Dictionary<string, SingleNavigation>> _single = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, CollectionNavigation>> _collections = new(StringComparer.Ordinal);

    public WebApiSchema(MetadataCatalog catalog)
    {
        Catalog = catalog;
        foreach (var table in catalog.Tables)
        {
            _single[table.LogicalName] = BuildSingle(catalog, table);
            _collections[table.LogicalName] = BuildCollections(catalog, table);
        }
    }

    public MetadataCatalog Catalog { get; }

    public TableDefinition TableBySet(string setName) =>
        Catalog.FindTableBySetName(setName) ?? throw WebApiErrors.NoSegment(setName);

    public TableDefinition TableByLogicalName(string logicalName) =>
        Catalog.FindTable(logicalName) ?? throw WebApiErrors.Malformed($"The type 'Microsoft.Dynamics.CRM.{logicalName}' is not defined.");

    public SingleNavigation? FindSingle(TableDefinition table, string name) =>
        _single[table.LogicalName].TryGetValue(name, out var navigation) ? navigation : null;

    public CollectionNavigation? FindCollection(TableDefinition table, string name) =>
        _collections[table.LogicalName].TryGetValue(name, out var navigation) ? navigation : null;

    /// <summary>The navigation property a lookup value goes through (the associatednavigationproperty annotation).</summary>
    public string NavigationOf(TableDefinition table, ColumnDefinition column, string target)
    {
        foreach (var navigation in _single[table.LogicalName].Values)
        {
            if (navigation.Column.LogicalName == column.LogicalName && (navigation.Target is null || navigation.Target == target))
                return navigation.Name;
        }
        return column.LogicalName;
    }

    private static Dictionary<string, SingleNavigation> BuildSingle(MetadataCatalog catalog, TableDefinition table)
    {
        var map = new Dictionary<string, SingleNavigation>(StringComparer.Ordinal);
        foreach (var relationship in catalog.OneToManyRelationships.Where(r => r.ReferencingTable == table.LogicalName))
        {
            var column = table.FindColumn(relationship.ReferencingAttribute);
            if (column is null || !column.Type.IsLookup())
                continue;
            var name = relationship.ReferencingNavigationProperty ?? relationship.ReferencingAttribute;
            map.TryAdd(name, new SingleNavigation(name, column, relationship.ReferencedTable));
        }
        foreach (var column in table.Columns.Where(c => c.Type.IsLookup()))
        {
            if (column.Type == ColumnType.Owner || column.Targets.Count <= 1)
            {
                if (!map.Values.Any(n => n.Column == column))
                    map.TryAdd(column.LogicalName, new SingleNavigation(column.LogicalName, column, column.Type == ColumnType.Owner ? null : column.Targets.FirstOrDefault()));
                continue;
            }
            foreach (var target in column.Targets)
            {
                if (map.Values.Any(n => n.Column == column && n.Target == target))
                    continue;
                var name = table.IsActivity && column.LogicalName == "regardingobjectid"
                    ? $"{column.LogicalName}_{target}_{table.LogicalName}"
                    : $"{column.LogicalName}_{target}";
                map.TryAdd(name, new SingleNavigation(name, column, target));
            }
        }
        return map;
    }

    private static Dictionary<string, CollectionNavigation> BuildCollections(MetadataCatalog catalog, TableDefinition table)
    {
        var map = new Dictionary<string, CollectionNavigation>(StringComparer.Ordinal);
        foreach (var relationship in catalog.ChildRelationshipsOf(table.LogicalName))
        {
            var name = relationship.ReferencedNavigationProperty ?? relationship.SchemaName;
            map.TryAdd(name, new CollectionNavigation(name, relationship.SchemaName, relationship.ReferencingTable, false));
        }
        foreach (var relationship in catalog.ManyToManyOf(table.LogicalName))
        {
            if (relationship.Entity1 == relationship.Entity2)
                continue;
            var first = relationship.Entity1 == table.LogicalName;
            var name = (first ? relationship.Entity1NavigationProperty : relationship.Entity2NavigationProperty) ?? relationship.SchemaName;
            map.TryAdd(name, new CollectionNavigation(name, relationship.SchemaName, first ? relationship.Entity2 : relationship.Entity1, true));
        }
        return map;
    }
}
