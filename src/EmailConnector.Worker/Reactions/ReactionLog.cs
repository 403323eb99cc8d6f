using Microsoft.Extensions.Logging;

namespace EmailConnector.Worker.Reactions;

/// <summary>The reaction pull's log messages, event ids 1300–1399 of the worker's range: ids and counts only.</summary>
internal static partial class ReactionLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Reaction feed {Feed} of platform account {PlatformAccountId}: {Events} event(s) in {Pages} page(s) written back")]
    public static partial void PullCompleted(ILogger logger, Core.Reactions.ReactionFeed feed, Guid platformAccountId, int events, int pages);

    // An empty pull is the common case of every pass over every feed: Debug, so the console shows only what moved.
    [LoggerMessage(EventId = 1305, Level = LogLevel.Debug, Message = "Reaction feed {Feed} of platform account {PlatformAccountId}: nothing new")]
    public static partial void PullFoundNothing(ILogger logger, Core.Reactions.ReactionFeed feed, Guid platformAccountId);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Reaction feed {Feed} of platform account {PlatformAccountId} was pulled by another worker meanwhile; its cursor stands (this pull's events are written back and will be replayed harmlessly)")]
    public static partial void CursorRaceLost(ILogger logger, Core.Reactions.ReactionFeed feed, Guid platformAccountId);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Reaction feed {Feed} of platform account {PlatformAccountId} failed")]
    public static partial void PullFailed(ILogger logger, Exception exception, Core.Reactions.ReactionFeed feed, Guid platformAccountId);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Error, Message = "Reaction pass failed before reaching the feeds")]
    public static partial void PassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning, Message = "Reactions of platform account {PlatformAccountId} not pulled")]
    public static partial void AccountSkipped(ILogger logger, Exception exception, Guid platformAccountId);
}
