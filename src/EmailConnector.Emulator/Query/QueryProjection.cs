using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Query;

/// <summary>
/// Turns joined tuples into SDK entities: the requested columns of the primary row plus its primary id (null values
/// omitted), linked columns as AliasedValue under "&lt;alias&gt;.&lt;column&gt;", every value cloned.
/// </summary>
internal static class QueryProjection
{
    public static EntityCollection ToEntityCollection(QueryResult result)
    {
        var query = result.Query;
        var collection = new EntityCollection
        {
            EntityName = query.Root.LogicalName,
            MoreRecords = result.MoreRecords,
            PagingCookie = result.PagingCookie,
            TotalRecordCount = result.TotalRecordCount,
            TotalRecordCountLimitExceeded = result.TotalRecordCountLimitExceeded,
        };
        foreach (var tuple in result.Rows)
        {
            collection.Entities.Add(ToEntity(query, tuple));
        }

        return collection;
    }

    public static Entity ToEntity(CompiledQuery query, IQueryRow?[] tuple)
    {
        var root = tuple[0]!;
        var rootSlot = query.Root;
        var includeId = !query.Node.Distinct || rootSlot.Columns.All || rootSlot.Columns.Columns.Contains(rootSlot.Table.PrimaryIdAttribute);
        var entity = new Entity(rootSlot.LogicalName);
        if (includeId)
        {
            entity.Id = root.Id;
        }

        AddColumns(entity, rootSlot, root, includeId, aliased: false);
        for (var i = 1; i < query.Slots.Count; i++)
        {
            var slot = query.Slots[i];
            if (tuple[slot.Index] is { } row)
            {
                AddColumns(entity, slot, row, includeId: false, aliased: true);
            }
        }

        return entity;
    }

    // The same selection as Columns, written straight into the entity: this runs for every row of every page.
    private static void AddColumns(Entity entity, TableSlot slot, IQueryRow row, bool includeId, bool aliased)
    {
        var id = slot.Table.PrimaryIdAttribute;
        if (includeId)
        {
            Add(entity, slot, id, row.Id, aliased);
        }

        if (slot.Columns.All)
        {
            foreach (var pair in row.Values)
            {
                if (pair.Key != id)
                {
                    Add(entity, slot, pair.Key, pair.Value, aliased);
                }
            }

            return;
        }

        foreach (var column in slot.Columns.Columns)
        {
            if (column == id)
            {
                if (!includeId)
                {
                    Add(entity, slot, id, row.Id, aliased);
                }
            }
            else if (row[column] is { } value)
            {
                Add(entity, slot, column, value, aliased);
            }
        }
    }

    private static void Add(Entity entity, TableSlot slot, string column, object value, bool aliased)
    {
        if (aliased)
        {
            entity.Attributes[slot.Alias + "." + column] = new AliasedValue(slot.LogicalName, column, QueryValues.Clone(value));
        }
        else
        {
            entity.Attributes[column] = QueryValues.Clone(value);
        }
    }

    /// <summary>The selected non-null values of one slot's row (none for an unmatched outer link).</summary>
    public static IEnumerable<(string Column, object Value)> Columns(TableSlot slot, IQueryRow? row, bool includeId)
    {
        if (row is null)
        {
            yield break;
        }

        var id = slot.Table.PrimaryIdAttribute;
        if (includeId)
        {
            yield return (id, row.Id);
        }

        if (slot.Columns.All)
        {
            foreach (var pair in row.Values)
            {
                if (pair.Key != id)
                {
                    yield return (pair.Key, pair.Value);
                }
            }

            yield break;
        }

        foreach (var column in slot.Columns.Columns)
        {
            if (column == id)
            {
                if (!includeId)
                {
                    yield return (id, row.Id);
                }

                continue;
            }

            if (row[column] is { } value)
            {
                yield return (column, value);
            }
        }
    }
}
