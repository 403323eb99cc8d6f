using System.Globalization;
using System.Text.Json;
using EmailConnector.Emulator.Metadata;
using EmailConnector.Emulator.WebApi.Routing;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.WebApi.Json;

/// <summary>A single-valued navigation property expanded with $expand, read back from a link aliased with its name.</summary>
internal sealed record Expansion(string NavigationName, TableDefinition Table, IReadOnlyList<ColumnDefinition>? Columns);

/// <summary>What one OData entity shows: the table, its selected columns (null = all) and expanded navigations.</summary>
internal sealed class Projection
{
    public required TableDefinition Table { get; init; }

    public IReadOnlyList<ColumnDefinition>? Columns { get; init; }

    public List<Expansion> Expansions { get; } = [];

    /// <summary>The columns written, in order: the selection, or every column but party lists.</summary>
    public IEnumerable<ColumnDefinition> Written =>
        (Columns ?? Table.Columns).Where(c => c.Type != ColumnType.PartyList);
}

/// <summary>
/// Writes records as Dataverse's Web API does (dataverse.md §3.3, §3.6): <c>@odata.etag</c> W/"versionnumber",
/// lookups as <c>_x_value</c>, annotations before the property they annotate and only when asked for; OData results
/// carry every selected column (null included), FetchXML results only non-null ones plus <c>alias.column</c> links.
/// </summary>
internal sealed class EntityWriter(WebApiSchema schema, AnnotationFilter annotations)
{
    public void WriteOData(Utf8JsonWriter writer, Entity entity, Projection projection)
    {
        writer.WriteStartObject();
        WriteETag(writer, entity);
        var table = projection.Table;
        var wroteId = false;
        foreach (var column in projection.Written)
        {
            entity.Attributes.TryGetValue(column.LogicalName, out var value);
            if (column.LogicalName == table.PrimaryIdAttribute)
            {
                wroteId = true;
                value ??= entity.Id == Guid.Empty ? null : entity.Id;
            }
            WriteColumn(writer, table, column, column.LogicalName, value);
        }
        if (!wroteId)
            WriteColumn(writer, table, table.FindColumn(table.PrimaryIdAttribute)!, table.PrimaryIdAttribute, entity.Id);
        foreach (var expansion in projection.Expansions)
            WriteExpansion(writer, entity, expansion);
        writer.WriteEndObject();
    }

    public void WriteFetch(Utf8JsonWriter writer, Entity entity, TableDefinition table)
    {
        writer.WriteStartObject();
        WriteETag(writer, entity);
        foreach (var (name, raw) in entity.Attributes)
        {
            if (raw is null || raw is EntityCollection)
                continue;
            if (raw is AliasedValue aliased)
            {
                if (aliased.Value is null or EntityCollection)
                    continue;
                var linked = schema.Catalog.FindTable(aliased.EntityLogicalName);
                var linkedColumn = linked?.FindColumn(aliased.AttributeLogicalName);
                WriteValue(writer, linked ?? table, linkedColumn, name, aliased.Value);
                continue;
            }
            var column = table.FindColumn(name);
            WriteColumn(writer, table, column, name, raw);
        }
        if (entity.Id != Guid.Empty && !entity.Attributes.ContainsKey(table.PrimaryIdAttribute))
            WriteValue(writer, table, table.FindColumn(table.PrimaryIdAttribute), table.PrimaryIdAttribute, entity.Id);
        writer.WriteEndObject();
    }

    private void WriteExpansion(Utf8JsonWriter writer, Entity entity, Expansion expansion)
    {
        var prefix = expansion.NavigationName + ".";
        var target = expansion.Table;
        if (!entity.Attributes.TryGetValue(prefix + target.PrimaryIdAttribute, out var idValue) || idValue is not AliasedValue { Value: Guid id })
        {
            writer.WriteNull(expansion.NavigationName);
            return;
        }
        var related = new Entity(target.LogicalName, id);
        foreach (var (name, value) in entity.Attributes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && value is AliasedValue aliased)
                related.Attributes[name[prefix.Length..]] = aliased.Value;
        }
        writer.WritePropertyName(expansion.NavigationName);
        WriteOData(writer, related, new Projection { Table = target, Columns = expansion.Columns });
    }

    private static void WriteETag(Utf8JsonWriter writer, Entity entity)
    {
        var version = entity.RowVersion;
        if (string.IsNullOrEmpty(version) && entity.Attributes.TryGetValue("versionnumber", out var number) && number is long n)
            version = n.ToString(CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(version))
            writer.WriteString("@odata.etag", $"W/\"{version}\"");
    }

    private void WriteColumn(Utf8JsonWriter writer, TableDefinition table, ColumnDefinition? column, string name, object? value)
    {
        var property = column is not null && column.Type.IsLookup() ? $"_{name}_value" : name;
        WriteValue(writer, table, column, property, value);
    }

    private void WriteValue(Utf8JsonWriter writer, TableDefinition table, ColumnDefinition? column, string property, object? value)
    {
        if (value is not null && annotations.Any)
        {
            if (annotations.Includes(AnnotationFilter.FormattedValue) && ValueFormats.Formatted(value, column) is { } formatted)
                writer.WriteString(property + "@" + AnnotationFilter.FormattedValue, formatted);
            if (value is EntityReference reference && column is not null)
            {
                if (annotations.Includes(AnnotationFilter.AssociatedNavigationProperty))
                    writer.WriteString(property + "@" + AnnotationFilter.AssociatedNavigationProperty, schema.NavigationOf(table, column, reference.LogicalName));
                if (annotations.Includes(AnnotationFilter.LookupLogicalName))
                    writer.WriteString(property + "@" + AnnotationFilter.LookupLogicalName, reference.LogicalName);
            }
        }
        writer.WritePropertyName(property);
        ValueFormats.Write(writer, value, column);
    }
}
