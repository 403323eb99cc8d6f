using EmailConnector.Core.Reactions;

namespace EmailConnector.Core.Platforms;

/// <summary>A request for one page of a reaction feed.</summary>
/// <param name="Feed">The feed.</param>
/// <param name="Cursor">The stored cursor of the feed (opaque, from <see cref="ReactionPage.NextCursor"/>); null for the start.</param>
/// <param name="Overlap">How far before a resting cursor to read again, for events the platform records late.</param>
/// <param name="MaxEvents">Most events wanted; capped by <see cref="PlatformCapabilities.MaxReactionPageSize"/>.</param>
public sealed record ReactionFeedRequest(ReactionFeed Feed, string? Cursor, TimeSpan Overlap = default, int MaxEvents = 1000);

/// <summary>One page of a reaction feed.</summary>
/// <param name="Events">The events, oldest first, validated (<see cref="ReactionEvent.Validate"/>).</param>
/// <param name="NextCursor">The cursor to pass next (and to store once <paramref name="HasMore"/> is false). Never null.</param>
/// <param name="HasMore">More events are ready now; read again with <paramref name="NextCursor"/>.</param>
public sealed record ReactionPage(IReadOnlyList<ReactionEvent> Events, string NextCursor, bool HasMore);
