namespace EmailConnector.Emulator.Query;

/// <summary>
/// Chooses where the primary rows of a query come from, always in keyset order (ascending primary id): the primary
/// id itself, an indexed column of the primary table, or an indexed column of a linked table whose rows lead back to
/// the primary table (the "members of one list" join drives from listmember's listid index), else a scan. Every
/// candidate is still checked by the full filter, so a plan only ever narrows the work, never the result.
/// </summary>
internal static class QueryPlanner
{
    /// <summary>The candidate primary rows with id ≥ <paramref name="startAt"/> (all when null), in keyset order.</summary>
    public static IEnumerable<IQueryRow> Candidates(CompiledQuery query, Guid? startAt)
    {
        var root = query.Root.Table;
        Guid[]? best = null;
        foreach (var seek in query.SeekConditions)
        {
            var ids = seek.Slot == 0 ? SeekRoot(root, seek) : SeekThroughLink(query, seek);
            if (ids is not null && (best is null || ids.Length < best.Length))
            {
                best = ids;
            }
        }

        return best is null ? Scan(root, startAt) : Resolve(root, best, startAt);
    }

    // Rows are looked up only from the resume point on, and only as far as the page consumes them.
    private static IEnumerable<IQueryRow> Resolve(IQueryTable table, Guid[] sortedIds, Guid? startAt)
    {
        var from = 0;
        if (startAt is { } start)
        {
            from = Array.BinarySearch(sortedIds, start, QueryRowOrder.Ids);
            from = from < 0 ? ~from : from;
        }

        for (var i = from; i < sortedIds.Length; i++)
        {
            if (table.Find(sortedIds[i]) is { } row)
            {
                yield return row;
            }
        }
    }

    private static IEnumerable<IQueryRow> Scan(IQueryTable table, Guid? startAt)
    {
        if (startAt is not { } start)
        {
            foreach (var row in table.Scan())
            {
                yield return row;
            }

            yield break;
        }

        if (table.Find(start) is { } first)
        {
            yield return first;
        }

        foreach (var row in table.ScanAfter(start))
        {
            yield return row;
        }
    }

    private static Guid[]? SeekRoot(IQueryTable table, SeekCondition seek) =>
        seek.Column == table.PrimaryIdAttribute
            ? SortedIds(seek.Values.OfType<Guid>())
            : SeekAll(table, seek.Column, seek.Values)?.Select(r => r.Id).ToArray();

    // Rows of a linked table that match the condition give the parent values, which lead to the primary rows.
    private static Guid[]? SeekThroughLink(CompiledQuery query, SeekCondition seek)
    {
        var link = query.Slots[seek.Slot];
        if (link.ParentIndex != 0)
        {
            return null;
        }

        var linkRows = link.Table.PrimaryIdAttribute == seek.Column
            ? seek.Values.OfType<Guid>().Select(link.Table.Find).OfType<IQueryRow>().ToList()
            : SeekAll(link.Table, seek.Column, seek.Values);
        if (linkRows is null)
        {
            return null;
        }

        var root = query.Root.Table;
        var parentValues = new List<object>(linkRows.Count);
        foreach (var row in linkRows)
        {
            if (QueryValues.Scalar(row.GetScalar(link.LinkAttribute)) is { } value)
            {
                parentValues.Add(value);
            }
        }

        return link.ParentAttribute == root.PrimaryIdAttribute
            ? SortedIds(parentValues.OfType<Guid>())
            : SeekAll(root, link.ParentAttribute, parentValues)?.Select(r => r.Id).ToArray();
    }

    private static Guid[] SortedIds(IEnumerable<Guid> ids)
    {
        var sorted = ids.Distinct().ToArray();
        Array.Sort(sorted, QueryRowOrder.Ids);
        return sorted;
    }

    private static List<IQueryRow>? SeekAll(IQueryTable table, string column, IReadOnlyList<object> values)
    {
        if (values.Count == 1)
        {
            return table.Seek(column, values[0])?.ToList();
        }

        var byId = new Dictionary<Guid, IQueryRow>();
        foreach (var value in values.Distinct(QueryValues.KeyComparer))
        {
            var rows = table.Seek(column, value);
            if (rows is null)
            {
                return null;
            }

            foreach (var row in rows)
            {
                byId[row.Id] = row;
            }
        }

        var list = byId.Values.ToList();
        list.Sort((a, b) => QueryRowOrder.Ids.Compare(a.Id, b.Id));
        return list;
    }
}
