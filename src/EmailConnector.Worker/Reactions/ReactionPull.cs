using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;
using EmailConnector.Worker.Operations;
using Microsoft.Extensions.Logging;

namespace EmailConnector.Worker.Reactions;

/// <summary>What one pull of one feed did.</summary>
public sealed record ReactionPullResult(int Pages, int Events, bool CursorSaved);

/// <summary>
/// Pulls one reaction feed of one platform account: reads the stored cursor, reads pages (the first with the overlap
/// window) until the platform has no more, writes every page back, and only then stores the new cursor. A crash before
/// the cursor write replays the pull from the old cursor; the write-back is idempotent, so a replay changes nothing.
/// </summary>
public sealed class ReactionPull(SyncStateStore states, IEmailPlatformProvider platforms, ReactionWriteBack writeBack, ILogger<ReactionPull> logger)
{
    /// <summary>How far before the resting cursor every pull reads again, for events the platform records late.</summary>
    public static readonly TimeSpan DefaultOverlap = TimeSpan.FromMinutes(15);

    public async Task<ReactionPullResult> PullAsync(Guid platformAccountId, ReactionFeed feed, TimeSpan? overlap = null, CancellationToken cancellationToken = default)
    {
        var platform = platforms.For(platformAccountId);
        if (!platform.Capabilities.Supports(feed))
            return new ReactionPullResult(0, 0, false);
        var state = await states.GetOrCreateAsync(platformAccountId, feed, cancellationToken).ConfigureAwait(false);
        var cursor = state.Cursor;
        var window = overlap ?? DefaultOverlap;
        var pages = 0;
        var events = 0;
        try
        {
            ReactionPage page;
            do
            {
                page = await platform.ReadReactionsAsync(
                    new ReactionFeedRequest(feed, cursor, window, platform.Capabilities.MaxReactionPageSize), cancellationToken).ConfigureAwait(false);
                await writeBack.WriteAsync(platformAccountId, page.Events, cancellationToken).ConfigureAwait(false);
                pages++;
                events += page.Events.Count;
                cursor = page.NextCursor;
            }
            while (page.HasMore);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ReactionLog.PullFailed(logger, exception, feed, platformAccountId);
            await states.RecordErrorAsync(state, exception.GetType().Name + ": " + exception.Message, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        // A lost ETag race means another worker pulled the same feed meanwhile; its cursor stands and ours is dropped.
        var saved = await states.TrySaveCursorAsync(state, cursor!, cancellationToken).ConfigureAwait(false);
        if (saved)
            ReactionLog.PullCompleted(logger, feed, platformAccountId, events, pages);
        else
            ReactionLog.CursorRaceLost(logger, feed, platformAccountId);
        return new ReactionPullResult(pages, events, saved);
    }
}
