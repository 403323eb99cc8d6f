using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;

namespace EmailConnector.Platforms.Dotdigital.Reactions;

/// <summary>
/// Where a feed stands. At rest it holds only <see cref="Since"/>, the first instant the next pull asks for. During a
/// pull it also holds the pull's fixed window [<see cref="From"/>, <see cref="UpTo"/>], the sources (campaigns, address
/// books, the account) found at its start and the position in them (source, rows consumed, events of a half-read row,
/// v3 marker), so continuation pages neither repeat nor skip anything and ignore the overlap.
/// </summary>
internal sealed record FeedCursor
{
    [JsonPropertyName("v")]
    public int Version { get; init; } = 1;

    [JsonPropertyName("feed")]
    public ReactionFeed Feed { get; init; }

    [JsonPropertyName("s")]
    public DateTimeOffset? Since { get; init; }

    [JsonPropertyName("f")]
    public DateTimeOffset? From { get; init; }

    [JsonPropertyName("u")]
    public DateTimeOffset? UpTo { get; init; }

    [JsonPropertyName("src")]
    public IReadOnlyList<string>? Sources { get; init; }

    [JsonPropertyName("i")]
    public int Index { get; init; }

    [JsonPropertyName("k")]
    public int Skip { get; init; }

    [JsonPropertyName("sub")]
    public int Sub { get; init; }

    [JsonPropertyName("m")]
    public string? Marker { get; init; }

    [JsonIgnore]
    public bool IsResting => Sources is null;

    public string Encode() => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(this));

    public static FeedCursor Decode(string? text, ReactionFeed feed)
    {
        if (string.IsNullOrEmpty(text))
            return new FeedCursor { Feed = feed };
        FeedCursor? cursor;
        try
        {
            cursor = JsonSerializer.Deserialize<FeedCursor>(Convert.FromBase64String(text));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new PlatformPermanentException(DotdigitalPlatform.Name, "ReadReactions", "The feed cursor is not one this adapter wrote.", e);
        }
        if (cursor is null || cursor.Version != 1 || cursor.Feed != feed)
            throw new PlatformPermanentException(DotdigitalPlatform.Name, "ReadReactions", $"The cursor does not belong to the {feed} feed.");
        return cursor;
    }

    public override string ToString() => Encoding.UTF8.GetString(Convert.FromBase64String(Encode()));
}
