using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EmailConnector.Core.Reactions;

/// <summary>Stable ids and dedupe keys for reaction events.</summary>
public static class ReactionEventIds
{
    /// <summary>
    /// An id derived from an event's content, for platforms whose feeds carry none (dotdigital's v2 click and open
    /// rows): the same row read twice yields the same id. Personal data only enters the hash, never the id's text.
    /// </summary>
    public static string Derive(ReactionKind kind, string platformContactOrRecord, string? mailingId, DateTimeOffset occurredAt, string? detail = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(platformContactOrRecord);
        var content = string.Join('\u001f',
            kind.ToString(),
            platformContactOrRecord,
            mailingId ?? string.Empty,
            occurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            detail ?? string.Empty);
        return "d-" + Hash(content)[..32];
    }

    /// <summary>
    /// The key under which the write-back records an event as processed: unique per platform account and event,
    /// 64 hex characters, fit for a Dataverse alternate-key column.
    /// </summary>
    public static string DedupeKey(string platformAccount, ReactionEvent reaction)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(platformAccount);
        ArgumentNullException.ThrowIfNull(reaction);
        ArgumentException.ThrowIfNullOrWhiteSpace(reaction.EventId);
        return Hash(string.Join('\u001f', platformAccount, ReactionFeeds.FeedOf(reaction.Kind).ToString(), reaction.EventId));
    }

    private static string Hash(string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
