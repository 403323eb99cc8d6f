namespace EmailConnector.Emulator.Metadata;

/// <summary>A 1:N relationship: the referencing (many) table holds a lookup to the referenced (one) table.</summary>
public sealed record OneToManyRelationship(
    string SchemaName,
    string ReferencedTable,
    string ReferencedAttribute,
    string ReferencingTable,
    string ReferencingAttribute)
{
    /// <summary>The single-valued navigation property on the referencing table (Web API bind name).</summary>
    public string? ReferencingNavigationProperty { get; init; }

    /// <summary>The collection-valued navigation property on the referenced table.</summary>
    public string? ReferencedNavigationProperty { get; init; }

    public CascadeType CascadeDelete { get; init; } = CascadeType.RemoveLink;

    public CascadeType CascadeAssign { get; init; } = CascadeType.NoCascade;
}

/// <summary>An N:N relationship kept as rows of an intersect table with one lookup (or id) column per side.</summary>
public sealed record ManyToManyRelationship(
    string SchemaName,
    string Entity1,
    string Entity1IntersectAttribute,
    string Entity2,
    string Entity2IntersectAttribute,
    string IntersectEntity)
{
    public string? Entity1NavigationProperty { get; init; }

    public string? Entity2NavigationProperty { get; init; }
}
