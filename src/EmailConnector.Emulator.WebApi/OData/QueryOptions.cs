using System.Globalization;
using EmailConnector.Emulator.Metadata;
using EmailConnector.Emulator.Query;
using EmailConnector.Emulator.WebApi.Json;
using EmailConnector.Emulator.WebApi.Routing;

namespace EmailConnector.Emulator.WebApi.OData;

/// <summary>An OData query against one entity set, parsed into the query engine's syntax tree.</summary>
internal sealed class ParsedQuery
{
    public required QueryNode Node { get; init; }

    public required Projection Projection { get; init; }

    public required bool Count { get; init; }

    /// <summary>The "(a,b,nav(c))" part of @odata.context, empty without $select/$expand.</summary>
    public required string ContextSelection { get; init; }
}

/// <summary>
/// The system query options of dataverse.md §3.4: $select, $filter, $orderby, $top, $count and single-valued $expand
/// with $select. $skip, $search and $format are rejected as Dataverse rejects them; $apply and collection-valued
/// $expand are not emulated (501).
/// </summary>
internal static class QueryOptions
{
    public const int MaxExpands = 15;

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "$select", "$filter", "$orderby", "$top", "$count", "$expand", "$skiptoken", "$apply", "$skip", "$search", "$format",
    };

    /// <summary>Checks the option names: unknown system options and the unsupported ones are 400s.</summary>
    public static void CheckNames(IReadOnlyDictionary<string, string> options)
    {
        foreach (var name in options.Keys)
        {
            if (!name.StartsWith('$'))
                continue;
            if (name is "$skip")
                throw WebApiErrors.Malformed("The query parameter $skip is not supported. Use paging with the odata.maxpagesize preference and @odata.nextLink instead.");
            if (name is "$search" or "$format")
                throw WebApiErrors.Malformed($"The query parameter {name} is not supported.");
            if (name is "$apply")
                throw WebApiErrors.NotImplemented("$apply (aggregation)");
            if (!Known.Contains(name))
                throw WebApiErrors.Malformed($"The query parameter '{name}' is not supported.");
        }
    }

    public static ParsedQuery Parse(WebApiSchema schema, TableDefinition table, IReadOnlyDictionary<string, string> options)
    {
        CheckNames(options);
        var node = new QueryNode(table.LogicalName) { Source = QuerySource.OData };
        IReadOnlyList<ColumnDefinition>? selected = null;
        if (options.TryGetValue("$select", out var select))
            selected = ParseSelect(table, select);
        node.Columns = selected is null ? ColumnSelection.AllColumns : ColumnSelection.Of(WithSystemColumns(table, selected));
        if (options.TryGetValue("$filter", out var filter))
            node.Filter = FilterParser.Parse(filter, table);
        if (options.TryGetValue("$orderby", out var orderBy))
            node.Orders.AddRange(ParseOrderBy(table, orderBy));
        if (options.TryGetValue("$top", out var top))
        {
            if (!int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 0)
                throw WebApiErrors.Malformed($"Invalid value '{top}' for $top query option found. The $top query option requires a non-negative integer value.");
            if (count is 0 or > Preferences.MaxPageSizeLimit)
                throw WebApiErrors.Malformed($"The $top value {count} must be between 1 and {Preferences.MaxPageSizeLimit}.");
            node.Top = count;
        }
        var countRequested = false;
        if (options.TryGetValue("$count", out var countText))
        {
            countRequested = countText switch
            {
                "true" => true,
                "false" => false,
                _ => throw WebApiErrors.Malformed($"'{countText}' is not a valid count option."),
            };
        }
        var projection = new Projection { Table = table, Columns = selected };
        var context = selected is null ? new List<string>() : selected.Select(c => c.Type.IsLookup() ? $"_{c.LogicalName}_value" : c.LogicalName).ToList();
        if (options.TryGetValue("$expand", out var expand))
        {
            foreach (var (name, innerOptions) in SplitExpand(expand))
            {
                var expansion = ParseExpansion(schema, table, name, innerOptions);
                if (projection.Expansions.Any(e => e.NavigationName == expansion.NavigationName))
                    throw WebApiErrors.Malformed($"The navigation property '{name}' is expanded more than once.");
                projection.Expansions.Add(expansion);
                var navigation = schema.FindSingle(table, name)!;
                node.Links.Add(new LinkNode(expansion.Table.LogicalName, expansion.Table.PrimaryIdAttribute, navigation.Column.LogicalName, JoinKind.LeftOuter)
                {
                    Alias = expansion.NavigationName,
                    Columns = expansion.Columns is null ? ColumnSelection.AllColumns : ColumnSelection.Of(WithSystemColumns(expansion.Table, expansion.Columns)),
                });
                context.Add(expansion.Columns is null ? name : $"{name}({string.Join(",", expansion.Columns.Select(ContextName))})");
            }
            if (projection.Expansions.Count > MaxExpands)
                throw WebApiErrors.Malformed($"The number of $expand items ({projection.Expansions.Count}) exceeds the limit of {MaxExpands}.");
        }
        return new ParsedQuery
        {
            Node = node,
            Projection = projection,
            Count = countRequested,
            ContextSelection = context.Count == 0 ? string.Empty : "(" + string.Join(",", context) + ")",
        };
    }

    /// <summary>A structural property name of $select/$filter/$orderby: a column, or <c>_x_value</c> for a lookup.</summary>
    public static ColumnDefinition ResolveProperty(TableDefinition table, string name)
    {
        if (name.StartsWith('_') && name.EndsWith("_value", StringComparison.Ordinal) && name.Length > 7
            && table.FindColumn(name[1..^6]) is { } lookup && lookup.Type.IsLookup())
            return lookup;
        var column = table.FindColumn(name);
        if (column is null || column.Type.IsLookup() || column.Type == ColumnType.PartyList)
            throw WebApiErrors.NoProperty(name, table.LogicalName);
        return column;
    }

    private static string ContextName(ColumnDefinition column) => column.Type.IsLookup() ? $"_{column.LogicalName}_value" : column.LogicalName;

    private static List<ColumnDefinition> ParseSelect(TableDefinition table, string text)
    {
        var columns = new List<ColumnDefinition>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (item.Length == 0)
                throw WebApiErrors.Malformed($"The $select '{text}' has an empty item.");
            if (item == "*")
                return [.. table.Columns.Where(c => c.Type != ColumnType.PartyList)];
            var column = ResolveProperty(table, item);
            if (!columns.Contains(column))
                columns.Add(column);
        }
        return columns;
    }

    // The primary id always comes back, and versionnumber feeds @odata.etag.
    private static IEnumerable<string> WithSystemColumns(TableDefinition table, IEnumerable<ColumnDefinition> columns)
    {
        var names = columns.Select(c => c.LogicalName).ToList();
        if (!names.Contains(table.PrimaryIdAttribute))
            names.Add(table.PrimaryIdAttribute);
        if (table.HasColumn("versionnumber") && !names.Contains("versionnumber"))
            names.Add("versionnumber");
        return names;
    }

    private static IEnumerable<OrderNode> ParseOrderBy(TableDefinition table, string text)
    {
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var parts = item.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length is 0 or > 2)
                throw WebApiErrors.Malformed($"The $orderby item '{item}' is not valid.");
            if (parts[0].Contains('/', StringComparison.Ordinal))
                throw WebApiErrors.NotImplemented($"$orderby on a navigation property path ('{parts[0]}')");
            var descending = parts.Length == 2 && parts[1] switch
            {
                "asc" => false,
                "desc" => true,
                _ => throw WebApiErrors.Malformed($"The $orderby direction '{parts[1]}' is not valid; use asc or desc."),
            };
            var column = ResolveProperty(table, parts[0]);
            if (column.Type == ColumnType.MultiSelectPicklist)
                throw WebApiErrors.NotImplemented("$orderby on a multi-select choice column");
            yield return new OrderNode(column.LogicalName, descending);
        }
    }

    private static Expansion ParseExpansion(WebApiSchema schema, TableDefinition table, string name, string? innerOptions)
    {
        var navigation = schema.FindSingle(table, name);
        if (navigation is null)
        {
            if (schema.FindCollection(table, name) is not null)
                throw WebApiErrors.NotImplemented($"$expand of the collection-valued navigation property '{name}'");
            throw WebApiErrors.NoProperty(name, table.LogicalName);
        }
        if (navigation.Target is null)
            throw WebApiErrors.NotImplemented($"$expand of the owner navigation property '{name}'");
        var target = schema.TableByLogicalName(navigation.Target);
        IReadOnlyList<ColumnDefinition>? columns = null;
        if (innerOptions is not null)
        {
            foreach (var option in innerOptions.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = option.IndexOf('=', StringComparison.Ordinal);
                var optionName = equals < 0 ? option : option[..equals];
                var value = equals < 0 ? string.Empty : option[(equals + 1)..];
                columns = optionName switch
                {
                    "$select" => ParseSelect(target, value),
                    "$filter" or "$orderby" or "$top" or "$expand" =>
                        throw WebApiErrors.NotImplemented($"{optionName} inside $expand of a single-valued navigation property"),
                    _ => throw WebApiErrors.Malformed($"The query option '{optionName}' is not allowed inside $expand."),
                };
            }
        }
        return new Expansion(name, target, columns);
    }

    private static IEnumerable<(string Name, string? Options)> SplitExpand(string text)
    {
        var depth = 0;
        var start = 0;
        var items = new List<string>();
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    if (--depth < 0)
                        throw WebApiErrors.Malformed($"The $expand '{text}' has an unbalanced ')'.");
                    break;
                case ',' when depth == 0:
                    items.Add(text[start..i]);
                    start = i + 1;
                    break;
                default:
                    break;
            }
        }
        if (depth != 0)
            throw WebApiErrors.Malformed($"The $expand '{text}' has an unbalanced '('.");
        items.Add(text[start..]);
        foreach (var raw in items)
        {
            var item = raw.Trim();
            if (item.Length == 0)
                throw WebApiErrors.Malformed($"The $expand '{text}' has an empty item.");
            var open = item.IndexOf('(', StringComparison.Ordinal);
            if (open < 0)
            {
                yield return (item, null);
                continue;
            }
            if (!item.EndsWith(')'))
                throw WebApiErrors.Malformed($"The $expand item '{item}' is not valid.");
            yield return (item[..open].Trim(), item[(open + 1)..^1]);
        }
    }
}
