namespace EmailConnector.Emulator.Query;

/// <summary>One page of joined tuples (slot 0 = primary row, then link rows; null = unmatched outer link).</summary>
internal sealed class QueryResult
{
    public required CompiledQuery Query { get; init; }

    public required IReadOnlyList<IQueryRow?[]> Rows { get; init; }

    public required bool MoreRecords { get; init; }

    public required string? PagingCookie { get; init; }

    /// <summary>-1 unless the total count was asked for; capped at 5,000.</summary>
    public required int TotalRecordCount { get; init; }

    public required bool TotalRecordCountLimitExceeded { get; init; }
}
