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
        CandidateIds? best = null;
        foreach (var seek in query.SeekConditions)
        {
            var ids = seek.Slot == 0 ? SeekRoot(root, seek) : SeekThroughLink(query, seek);
            if (ids is not null && (best is null || ids.Count < best.Count))
            {
                best = ids;
            }
        }

        return best is null ? Scan(root, startAt) : Resolve(root, best, startAt);
    }

    // Rows are looked up only from the resume point on, and only as far as the page consumes them.
    private static IEnumerable<IQueryRow> Resolve(IQueryTable table, CandidateIds ids, Guid? startAt)
    {
        foreach (var id in ids.From(startAt))
        {
            if (table.Find(id) is { } row)
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

    private static CandidateIds? SeekRoot(IQueryTable table, SeekCondition seek) =>
        seek.Column == table.PrimaryIdAttribute
            ? SortedIds(seek.Values.OfType<Guid>())
            : SeekAll(table, seek.Column, seek.Values) is { } rows ? new SortedIdArray(rows.Select(r => r.Id).ToArray()) : null;

    // Rows of a linked table that match the condition give the parent values, which lead to the primary rows.
    private static CandidateIds? SeekThroughLink(CompiledQuery query, SeekCondition seek)
    {
        var link = query.Slots[seek.Slot];
        if (link.ParentIndex != 0)
        {
            return null;
        }

        var root = query.Root.Table;
        if (link.ParentAttribute == root.PrimaryIdAttribute && OrderedThroughLink(link, seek) is { } ordered)
        {
            return ordered;
        }

        var linkRows = link.Table.PrimaryIdAttribute == seek.Column
            ? seek.Values.OfType<Guid>().Select(link.Table.Find).OfType<IQueryRow>().ToList()
            : SeekAll(link.Table, seek.Column, seek.Values);
        if (linkRows is null)
        {
            return null;
        }

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
            : SeekAll(root, link.ParentAttribute, parentValues) is { } rows ? new SortedIdArray(rows.Select(r => r.Id).ToArray()) : null;
    }

    // The link column's values are primary ids: when the store keeps them ordered per seek value, a page reads only
    // its own ids from the resume point on, instead of every linked row's value followed by a sort, on every page.
    private static MergedIds? OrderedThroughLink(TableSlot link, SeekCondition seek)
    {
        var sources = new List<IOrderedValues>(seek.Values.Count);
        foreach (var value in seek.Values.Distinct(QueryValues.KeyComparer))
        {
            if (link.Table.SeekOrdered(seek.Column, value, link.LinkAttribute) is not { } values)
            {
                return null;
            }

            sources.Add(values);
        }

        return new MergedIds(sources);
    }

    private static SortedIdArray SortedIds(IEnumerable<Guid> ids)
    {
        var sorted = ids.Distinct().ToArray();
        Array.Sort(sorted, QueryRowOrder.Ids);
        return new SortedIdArray(sorted);
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

    /// <summary>Candidate primary ids in keyset order, with their number (an upper bound) to pick the smallest plan.</summary>
    private abstract class CandidateIds
    {
        public abstract int Count { get; }

        public abstract IEnumerable<Guid> From(Guid? start);
    }

    private sealed class SortedIdArray(Guid[] sortedIds) : CandidateIds
    {
        public override int Count => sortedIds.Length;

        public override IEnumerable<Guid> From(Guid? start)
        {
            var from = 0;
            if (start is { } value)
            {
                from = Array.BinarySearch(sortedIds, value, QueryRowOrder.Ids);
                from = from < 0 ? ~from : from;
            }

            for (var i = from; i < sortedIds.Length; i++)
            {
                yield return sortedIds[i];
            }
        }
    }

    /// <summary>The union of several ordered value streams (an In condition), merged lazily without duplicates.</summary>
    private sealed class MergedIds(List<IOrderedValues> sources) : CandidateIds
    {
        public override int Count => sources.Sum(s => s.RowCount);

        public override IEnumerable<Guid> From(Guid? start)
        {
            if (sources.Count == 1)
            {
                return sources[0].From(start);
            }

            return Merge(start);
        }

        private IEnumerable<Guid> Merge(Guid? start)
        {
            var heads = new PriorityQueue<IEnumerator<Guid>, Guid>(QueryRowOrder.Ids);
            try
            {
                foreach (var source in sources)
                {
                    var enumerator = source.From(start).GetEnumerator();
                    if (enumerator.MoveNext())
                    {
                        heads.Enqueue(enumerator, enumerator.Current);
                    }
                    else
                    {
                        enumerator.Dispose();
                    }
                }

                Guid? previous = null;
                while (heads.TryDequeue(out var head, out var id))
                {
                    if (id != previous)
                    {
                        yield return id;
                        previous = id;
                    }

                    if (head.MoveNext())
                    {
                        heads.Enqueue(head, head.Current);
                    }
                    else
                    {
                        head.Dispose();
                    }
                }
            }
            finally
            {
                while (heads.TryDequeue(out var head, out _))
                {
                    head.Dispose();
                }
            }
        }
    }
}
