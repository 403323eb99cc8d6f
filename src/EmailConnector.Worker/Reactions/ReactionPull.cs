using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;
using EmailConnector.Worker.Operations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmailConnector.Worker.Reactions;

/// <summary>What one pull of one feed did.</summary>
public sealed record ReactionPullResult(int Pages, int Events, bool CursorSaved)
{
    /// <summary>The campaign activities whose events arrived (their key figures were refreshed after the pull).</summary>
    public IReadOnlyCollection<Guid> Activities { get; init; } = [];
}

/// <summary>
/// Pulls one reaction feed of one platform account: reads the stored cursor, reads pages (the first with the overlap
/// window) until the platform has no more, writes them back in batches of <see cref="ReactionOptions.WriteBackBatchSize"/>
/// events, and only then stores the new cursor. A crash before
/// the cursor write replays the pull from the old cursor; the write-back is idempotent, so a replay changes nothing.
/// </summary>
public sealed class ReactionPull(
    SyncStateStore states,
    IEmailPlatformProvider platforms,
    ReactionWriteBack writeBack,
    KeyFiguresWriter keyFigures,
    IOptions<ReactionOptions> options,
    ILogger<ReactionPull> logger)
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
        var activities = new HashSet<Guid>();
        try
        {
            // Read once per pull, not per page: a changed setting takes effect with the next pull.
            var detail = await writeBack.ReadClickDetailAsync(platformAccountId, cancellationToken).ConfigureAwait(false);
            // Pages are gathered up to WriteBackBatchSize events before they are written: the cursor is stored only
            // after the last page anyway, and one write-back of several pages reads and writes each row once.
            var pending = new List<ReactionEvent>();
            ReactionPage page;
            do
            {
                page = await platform.ReadReactionsAsync(
                    new ReactionFeedRequest(feed, cursor, window, platform.Capabilities.MaxReactionPageSize), cancellationToken).ConfigureAwait(false);
                pending.AddRange(page.Events);
                pages++;
                events += page.Events.Count;
                cursor = page.NextCursor;
                if (pending.Count >= options.Value.WriteBackBatchSize || !page.HasMore)
                {
                    activities.UnionWith(await writeBack.WriteAsync(platformAccountId, detail, pending, cancellationToken).ConfigureAwait(false));
                    pending = [];
                }
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
        if (!saved)
            ReactionLog.CursorRaceLost(logger, feed, platformAccountId);
        else if (events == 0)
            ReactionLog.PullFoundNothing(logger, feed, platformAccountId);
        else
            ReactionLog.PullCompleted(logger, feed, platformAccountId, events, pages);
        if (platform.Capabilities.Supports(PlatformFeatures.Reports))
            await RefreshKeyFiguresAsync(activities, cancellationToken).ConfigureAwait(false);
        return new ReactionPullResult(pages, events, saved) { Activities = activities };
    }

    // The events are written and the cursor moved on: a failing key-figure read only leaves the figures older, and the
    // next pull with events for the activity (or Sync now) refreshes them.
    private async Task RefreshKeyFiguresAsync(IEnumerable<Guid> activities, CancellationToken cancellationToken)
    {
        foreach (var activity in activities)
        {
            try
            {
                if (await keyFigures.UpdateAsync(activity, cancellationToken).ConfigureAwait(false) is not null)
                    WriteBackLog.KeyFiguresUpdated(logger, activity);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                WriteBackLog.KeyFiguresFailed(logger, exception, activity);
            }
        }
    }
}
