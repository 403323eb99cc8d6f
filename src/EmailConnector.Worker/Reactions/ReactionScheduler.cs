using EmailConnector.Core.Reactions;
using ReactionFeed = EmailConnector.Core.Reactions.ReactionFeed;
using EmailConnector.Worker.Operations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmailConnector.Worker.Reactions;

/// <summary>
/// Pulls every feed the platform supports, for every active platform account, every <see cref="ReactionOptions.PullInterval"/>.
/// One failing feed or account is logged (and recorded on its <c>ec_syncstate</c> row) and the others go on; the
/// failed feed is retried in the next pass from its unchanged cursor.
/// </summary>
public sealed class ReactionScheduler(
    PlatformAccounts accounts,
    IEmailPlatformProvider platforms,
    ReactionPull pull,
    Health.WorkerStatus status,
    IOptions<ReactionOptions> options,
    TimeProvider time,
    ILogger<ReactionScheduler> logger) : PeriodicService(time)
{
    // Opens before clicks: the open counter's watermark (see ReactionWriteBack) then sees a person's opens first.
    private static readonly ReactionFeed[] Feeds = Enum.GetValues<ReactionFeed>();

    /// <summary>The health endpoint's activity name of one feed of one account (stable: ops alert on it).</summary>
    public static string FeedActivity(Guid account, ReactionFeed feed) => $"Feed:{feed}:{account:D}";

    /// <summary>One pass over every account and feed; returns the number of feeds (or accounts without a platform) that failed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var failed = 0;
        foreach (var account in await accounts.ActiveAsync(cancellationToken).ConfigureAwait(false))
        {
            Core.Platforms.IEmailPlatform platform;
            try
            {
                platform = platforms.For(account);
            }
            catch (PermanentRequestException exception)
            {
                // No platform for the account (e.g. none configured in this worker): one line per pass, not one per feed.
                failed++;
                ReactionLog.AccountSkipped(logger, exception, account);
                continue;
            }

            foreach (var feed in Feeds.Where(platform.Capabilities.Supports))
            {
                try
                {
                    await pull.PullAsync(account, feed, options.Value.Overlap, cancellationToken).ConfigureAwait(false);
                    status.Succeeded(FeedActivity(account, feed), Time.GetUtcNow());
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    failed++;
                    status.Failed(FeedActivity(account, feed), Time.GetUtcNow(), exception.GetType().Name);
                    ReactionLog.PullFailed(logger, exception, feed, account);
                }
            }
        }

        return failed;
    }

    protected override bool Enabled => options.Value.Enabled;

    protected override TimeSpan Interval => options.Value.PullInterval;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    protected override void PassFailed(Exception exception) => ReactionLog.PassFailed(logger, exception);
}
