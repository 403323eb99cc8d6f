using System.Security;

namespace EmailConnector.Worker;

/// <summary>
/// Cuts the values of a FetchXML <c>in</c> condition into batches that fit one query. The FetchXML travels in the URL
/// of a GET, which Dataverse limits to 64 KB inside a <c>$batch</c> (the client sends a fetch longer than the 32 KB of a
/// request line that way, still one counted request), so a fixed count of values is wrong both ways: 200 addresses of
/// 250 characters overflow the URL, while 200 short ids waste requests under the service protection limits. A batch
/// is therefore bounded by the escaped length of its values and, for the SQL the condition becomes, by a count.
/// </summary>
internal static class FetchValueBatches
{
    /// <summary>Escaped characters the values of one query may take; the rest of the 64 KB is the query around them.</summary>
    public const int DefaultBudget = 60_000;

    /// <summary>Values in one condition at most.</summary>
    public const int MaxValues = 1000;

    // "<value>" and "</value>" URL-escaped: %3Cvalue%3E and %3C%2Fvalue%3E.
    private const int ElementOverhead = 25;

    public static IEnumerable<string[]> Of(IEnumerable<string> values, int budget = DefaultBudget, int maxValues = MaxValues)
    {
        ArgumentNullException.ThrowIfNull(values);
        var batch = new List<string>();
        var used = 0;
        foreach (var value in values)
        {
            var size = ElementOverhead + Uri.EscapeDataString(SecurityElement.Escape(value)).Length;
            if (batch.Count > 0 && (used + size > budget || batch.Count == maxValues))
            {
                yield return [.. batch];
                batch.Clear();
                used = 0;
            }

            batch.Add(value);
            used += size;
        }

        if (batch.Count > 0)
            yield return [.. batch];
    }
}
