using System.Globalization;

namespace EmailConnector.Platforms.Smtp;

/// <summary>
/// A reaction feed cursor: the last event sequence read and, for a resting cursor (the pull caught up), when it
/// rested, from which the overlap window is measured. Continuation cursors ignore the overlap.
/// </summary>
internal readonly record struct FeedCursor(long Sequence, bool Resting, DateTimeOffset? RestedAt)
{
    private const string Prefix = "smtp1";

    public static FeedCursor Start => new(0, Resting: false, null);

    public static FeedCursor Continuation(long sequence) => new(sequence, Resting: false, null);

    public static FeedCursor Rest(long sequence, DateTimeOffset at) => new(sequence, Resting: true, at);

    public static FeedCursor Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return Start;
        var parts = text.Split('.');
        if (parts.Length != 4 || parts[0] != Prefix || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ||
            !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var rested) || parts[3] is not ("r" or "c"))
            throw new ArgumentException("Not a cursor of the SMTP platform's reaction feeds.", nameof(text));
        return parts[3] == "r" ? Rest(sequence, DateTimeOffset.FromUnixTimeMilliseconds(rested)) : Continuation(sequence);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}.{Sequence}.{RestedAt?.ToUnixTimeMilliseconds() ?? 0}.{(Resting ? "r" : "c")}");
}
