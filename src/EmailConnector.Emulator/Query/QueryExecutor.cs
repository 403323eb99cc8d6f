namespace EmailConnector.Emulator.Query;

/// <summary>
/// Runs a compiled query: candidates from the planner, joins, filter, order, then one page. Without user orders the
/// rows stream in keyset order and a page costs O(page); with orders every match is sorted first.
/// </summary>
internal static class QueryExecutor
{
    /// <summary>Default and maximum page size, and the cap of the total record count.</summary>
    public const int MaxPageSize = 5000;

    public static QueryResult Execute(CompiledQuery query)
    {
        var node = query.Node;
        var paging = node.Paging;
        CheckTop(node);
        var pageSize = node.Top ?? (paging.Count is > 0 and var count ? Math.Min(count, MaxPageSize) : MaxPageSize);
        var page = node.Top is null && paging.PageNumber is > 1 and var number ? number : 1;
        var keys = query.Orders;
        var rootIdKey = RootIdKeyIndex(query);

        // Dataverse ignores a cookie unless it belongs to the page just before the one requested.
        var cursor = node.Top is null && !node.Distinct && paging.Cookie is { } text
            ? PagingCookie.Read(text, keys, rootIdKey + 1)
            : null;
        if (cursor is not null && cursor.Page + 1 != page)
        {
            cursor = null;
        }

        var skip = cursor is null ? (long)(page - 1) * pageSize : 0;
        var joiner = new Joiner(query);
        var userOrdered = keys.Take(rootIdKey).Any();
        IEnumerable<Match> matches;
        if (userOrdered || node.Distinct)
        {
            var all = joiner.Matches(QueryPlanner.Candidates(query, null)).ToList();
            all.Sort((a, b) => CompareKeys(keys, a.Keys, b.Keys));
            matches = node.Distinct ? DistinctRows(query, all) : all;
        }
        else
        {
            var startAt = cursor?.Last[rootIdKey] as Guid?;
            matches = joiner.Matches(QueryPlanner.Candidates(query, startAt));
        }

        if (cursor is not null)
        {
            var last = cursor.Last;
            matches = matches.Where(m => ComparePrefix(keys, m.Keys, last) > 0);
        }

        var window = matches.Skip((int)Math.Min(skip, int.MaxValue)).Take(pageSize + 1).ToList();
        var next = window.Count > pageSize ? window[pageSize] : null;
        var more = next is not null && node.Top is null;
        if (next is not null)
        {
            window.RemoveAt(pageSize);
        }

        var (total, exceeded) = paging.ReturnTotalRecordCount ? Count(query, joiner) : (-1, false);
        return new QueryResult
        {
            Query = query,
            Rows = window.Select(m => m.Tuple).ToList(),
            MoreRecords = more,
            PagingCookie = window.Count == 0 || node.Distinct ? null : Cookie(page, keys, rootIdKey, window, more ? next : null),
            TotalRecordCount = total,
            TotalRecordCountLimitExceeded = exceeded,
        };
    }

    private static void CheckTop(QueryNode node)
    {
        if (node.Top is not { } top)
        {
            return;
        }

        if (top is < 1 or > MaxPageSize)
        {
            throw QueryErrors.InvalidQuery($"The top value {top} must be between 1 and {MaxPageSize}.");
        }

        if (node.Paging.Count is > 0 || node.Paging.PageNumber is > 1 || node.Paging.Cookie is not null)
        {
            throw QueryErrors.InvalidQuery("A query cannot combine top with paging (count, page or paging cookie).");
        }

        if (node.Paging.ReturnTotalRecordCount)
        {
            throw QueryErrors.InvalidQuery("A query cannot combine top with returning the total record count.");
        }
    }

    private static int RootIdKeyIndex(CompiledQuery query)
    {
        var id = query.Root.Table.PrimaryIdAttribute;
        for (var i = 0; i < query.Orders.Count; i++)
        {
            if (query.Orders[i].Slot == 0 && query.Orders[i].Column == id)
            {
                return i;
            }
        }

        throw new InvalidOperationException("The compiled order lacks the primary id tie-breaker.");
    }

    private static (int Total, bool Exceeded) Count(CompiledQuery query, Joiner joiner)
    {
        IEnumerable<Match> all = joiner.Matches(QueryPlanner.Candidates(query, null));
        if (query.Node.Distinct)
        {
            all = DistinctRows(query, all.ToList());
        }

        var count = all.Take(MaxPageSize + 1).Count();
        return count > MaxPageSize ? (MaxPageSize, true) : (count, false);
    }

    private static string Cookie(int page, IReadOnlyList<SortKey> keys, int rootIdKey, List<Match> window, Match? next)
    {
        var first = window[0].Keys;
        var last = window[^1].Keys;

        // Link ids go into the cookie only when the next row comes from the same primary row as the last one.
        var keyCount = rootIdKey + 1;
        if (next is not null && ComparePrefix(keys, next.Keys, last.Take(keyCount).ToArray()) == 0)
        {
            keyCount = keys.Count;
        }

        return PagingCookie.Write(page, keys, first, last, keyCount);
    }

    private static IEnumerable<Match> DistinctRows(CompiledQuery query, List<Match> sorted)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var match in sorted)
        {
            if (seen.Add(ProjectionKey(query, match.Tuple)))
            {
                yield return match;
            }
        }
    }

    private static string ProjectionKey(CompiledQuery query, IQueryRow?[] tuple)
    {
        var parts = new List<string>();
        foreach (var slot in query.Slots)
        {
            foreach (var (column, value) in QueryProjection.Columns(slot, tuple[slot.Index], includeId: slot.Index == 0 && !query.Node.Distinct))
            {
                parts.Add(slot.Alias + "." + column + "=" + (QueryValues.Scalar(value) is { } scalar ? QueryValues.Format(scalar) : string.Empty));
            }
        }

        return string.Join("\u001f", parts);
    }

    public static int CompareKeys(IReadOnlyList<SortKey> keys, object?[] left, object?[] right)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            var comparison = QueryValues.Compare(left[i], right[i]);
            if (comparison != 0)
            {
                return keys[i].Descending ? -comparison : comparison;
            }
        }

        return 0;
    }

    private static int ComparePrefix(IReadOnlyList<SortKey> keys, object?[] row, IReadOnlyList<object?> prefix)
    {
        for (var i = 0; i < prefix.Count; i++)
        {
            var comparison = QueryValues.Compare(row[i], prefix[i]);
            if (comparison != 0)
            {
                return keys[i].Descending ? -comparison : comparison;
            }
        }

        return 0;
    }
}

/// <summary>A joined tuple that passed the filter, with its sort-key values.</summary>
internal sealed record Match(IQueryRow?[] Tuple, object?[] Keys);
