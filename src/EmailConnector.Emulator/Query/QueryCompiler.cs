using EmailConnector.Emulator.Metadata;
namespace EmailConnector.Emulator.Query;

/// <summary>
/// Checks a syntax tree against the schema and compiles it: tables and columns must exist (the store raises the
/// Dataverse unknown-attribute fault), aliases are resolved, literals converted by column type, conditions turned
/// into predicates.
/// </summary>
internal sealed class QueryCompiler
{
    private readonly IQueryStore _store;
    private readonly ConditionCompiler _conditions;
    private readonly List<TableSlot> _slots = [];
    private readonly List<(LinkNode Node, int Slot, int Parent)> _links = [];
    private readonly Dictionary<string, int> _aliases = new(StringComparer.Ordinal);

    private QueryCompiler(IQueryStore store, TimeProvider clock)
    {
        _store = store;
        _conditions = new ConditionCompiler(clock);
    }

    public static CompiledQuery Compile(QueryNode node, IQueryStore store, TimeProvider clock) =>
        new QueryCompiler(store, clock).CompileQuery(node);

    private CompiledQuery CompileQuery(QueryNode node)
    {
        var root = _store.GetTable(node.Table);
        CheckColumns(root, node.Columns);
        _slots.Add(new TableSlot { Index = 0, Table = root, Alias = root.LogicalName, Columns = node.Columns });
        _aliases[root.LogicalName] = 0;
        foreach (var link in node.Links)
        {
            Register(link, 0);
        }

        foreach (var (link, slot, parent) in _links)
        {
            _slots.Add(CompileLink(link, slot, parent));
        }

        var seeks = new List<SeekCondition>();
        var filter = CompileFilter(node.Filter, 0, seeks);
        foreach (var slot in _slots.Skip(1).Where(IsInnerChain))
        {
            CollectSeeks(_links[slot.Index - 1].Node.Filter, slot.Index, seeks);
        }

        return new CompiledQuery
        {
            Node = node,
            Slots = _slots,
            Filter = filter,
            Orders = CompileOrders(node),
            SeekConditions = seeks,
        };
    }

    private void Register(LinkNode link, int parent)
    {
        var slot = _links.Count + 1;
        _links.Add((link, slot, parent));
        if (link.Alias is not null && !_aliases.TryAdd(link.Alias, slot))
        {
            throw QueryErrors.InvalidQuery($"The link-entity alias '{link.Alias}' is used more than once.");
        }

        _aliases.TryAdd(DefaultAlias(link, slot), slot);

        // A condition may also name an unaliased link by its table name.
        if (link.Alias is null)
        {
            _aliases.TryAdd(link.Table, slot);
        }

        foreach (var child in link.Links)
        {
            Register(child, slot);
        }
    }

    // Dataverse names an unaliased link "<table><N>", N counting the links of the query from 1.
    private static string DefaultAlias(LinkNode link, int slot) =>
        link.Alias ?? link.Table + slot.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private TableSlot CompileLink(LinkNode link, int slot, int parent)
    {
        var table = _store.GetTable(link.Table);
        var parentTable = _slots[parent].Table;
        var linkAttribute = link.LinkAttribute ?? table.PrimaryIdAttribute;
        var parentAttribute = link.ParentAttribute ?? parentTable.PrimaryIdAttribute;
        table.GetColumnType(linkAttribute);
        parentTable.GetColumnType(parentAttribute);
        CheckColumns(table, link.Columns);
        return new TableSlot
        {
            Index = slot,
            Table = table,
            Alias = DefaultAlias(link, slot),
            Columns = link.Columns,
            ParentIndex = parent,
            LinkAttribute = linkAttribute,
            ParentAttribute = parentAttribute,
            Join = link.Join,
            LinkFilter = CompileFilter(link.Filter, slot, seeks: null),
        };
    }

    private bool IsInnerChain(TableSlot slot)
    {
        for (var current = slot; current.Index != 0; current = _slots[current.ParentIndex])
        {
            if (current.Join != JoinKind.Inner)
            {
                return false;
            }
        }

        return true;
    }

    private static void CheckColumns(IQueryTable table, ColumnSelection columns)
    {
        foreach (var column in columns.Columns)
        {
            table.GetColumnType(column);
        }
    }

    private int ResolveSlot(string? entityAlias, int defaultSlot)
    {
        if (entityAlias is null)
        {
            return defaultSlot;
        }

        if (_aliases.TryGetValue(entityAlias, out var slot))
        {
            return slot;
        }

        throw QueryErrors.InvalidQuery($"No link-entity with the alias or name '{entityAlias}' exists in the query.");
    }

    private RowPredicate? CompileFilter(FilterNode? filter, int defaultSlot, List<SeekCondition>? seeks)
    {
        if (filter is null || filter.IsEmpty)
        {
            return null;
        }

        if (seeks is not null)
        {
            CollectSeeks(filter, defaultSlot, seeks);
        }

        var parts = new List<RowPredicate>();
        foreach (var condition in filter.Conditions)
        {
            var slot = ResolveSlot(condition.EntityAlias, defaultSlot);
            parts.Add(_conditions.Compile(condition, slot, SlotTable(slot)));
        }

        foreach (var child in filter.Filters)
        {
            if (CompileFilter(child, defaultSlot, seeks: null) is { } predicate)
            {
                parts.Add(predicate);
            }
        }

        var array = parts.ToArray();
        if (array.Length == 1)
        {
            return array[0];
        }

        return filter.Kind == FilterKind.And
            ? tuple =>
            {
                foreach (var part in array)
                {
                    if (!part(tuple))
                    {
                        return false;
                    }
                }

                return true;
            }
            : tuple =>
            {
                foreach (var part in array)
                {
                    if (part(tuple))
                    {
                        return true;
                    }
                }

                return false;
            };
    }

    private IQueryTable SlotTable(int slot) =>
        slot < _slots.Count ? _slots[slot].Table : _store.GetTable(_links[slot - 1].Node.Table);

    // Only conditions on the and-path hold for every result, so only they may drive an index seek.
    private void CollectSeeks(FilterNode? filter, int defaultSlot, List<SeekCondition> seeks)
    {
        if (filter is null || filter.Kind != FilterKind.And && filter.Conditions.Count + filter.Filters.Count > 1)
        {
            return;
        }

        foreach (var condition in filter.Conditions)
        {
            if (condition.Operator is not (QueryOperator.Equal or QueryOperator.In))
            {
                continue;
            }

            var slot = ResolveSlot(condition.EntityAlias, defaultSlot);
            var table = SlotTable(slot);
            var type = table.GetColumnType(condition.Attribute);

            // The store's indexes compare Guids and strings; other kinds are left to the predicate.
            if (type is not (ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner
                or ColumnType.Uniqueidentifier or ColumnType.String))
            {
                continue;
            }

            var values = QueryValues.Flatten(condition.Values)
                .Select(v => QueryValues.Coerce(v, type, table.LogicalName, condition.Attribute))
                .ToList();
            if (values.Count > 0 && values.All(v => v is not null))
            {
                seeks.Add(new SeekCondition(slot, condition.Attribute, values!));
            }
        }

        foreach (var child in filter.Filters)
        {
            CollectSeeks(child, defaultSlot, seeks);
        }
    }

    private List<SortKey> CompileOrders(QueryNode node)
    {
        var keys = new List<SortKey>();
        AddOrders(keys, node.Orders, 0);
        foreach (var (link, slot, _) in _links)
        {
            AddOrders(keys, link.Orders, slot);
        }

        // Tie-breakers make the order total, which keyset paging needs: the primary id, then each link's id.
        foreach (var slot in _slots)
        {
            var id = slot.Table.PrimaryIdAttribute;
            if (!keys.Any(k => k.Slot == slot.Index && k.Column == id))
            {
                keys.Add(new SortKey(slot.Index, id, ColumnType.Uniqueidentifier, false, CookieName(slot, id)));
            }
        }

        return keys;
    }

    private void AddOrders(List<SortKey> keys, List<OrderNode> orders, int slot)
    {
        foreach (var order in orders)
        {
            var type = _slots[slot].Table.GetColumnType(order.Attribute);
            if (type == ColumnType.MultiSelectPicklist)
            {
                throw QueryErrors.Unsupported("ordering by a multi-select choice column");
            }

            if (!keys.Any(k => k.Slot == slot && k.Column == order.Attribute))
            {
                keys.Add(new SortKey(slot, order.Attribute, type, order.Descending, CookieName(_slots[slot], order.Attribute)));
            }
        }
    }

    private static string CookieName(TableSlot slot, string column) => slot.Index == 0 ? column : slot.Alias + "." + column;
}
