using System.ComponentModel.DataAnnotations;

namespace EmailConnector.Worker.Reactions;

/// <summary>How often and how far back the worker pulls reactions (section <c>Reactions</c>).</summary>
public sealed class ReactionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Reactions";

    /// <summary>Whether this worker pulls reactions at all (one puller per account is enough). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The wait between two pulls of every feed. Default 00:05:00.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan PullInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far before the stored cursor every pull reads again, for events platforms record late. Default 00:15:00.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan Overlap { get; set; } = ReactionPull.DefaultOverlap;

    /// <summary>
    /// Events written back together: pages are gathered until this many (or the feed's end), so that the reads and
    /// bulk writes of one write-back cover several pages. Default 5,000.
    /// </summary>
    [Range(1, 50_000)]
    public int WriteBackBatchSize { get; set; } = 5_000;
}
