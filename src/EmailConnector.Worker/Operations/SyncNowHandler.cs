using EmailConnector.Core.Platforms;
using EmailConnector.Dataverse;
using EmailConnector.Schema;
using EmailConnector.Worker.Queue;
using EmailConnector.Worker.Reactions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReactionFeed = EmailConnector.Core.Reactions.ReactionFeed;

namespace EmailConnector.Worker.Operations;

/// <summary>
/// SyncNow of a campaign activity (<c>ec_SyncNow</c>): pulls every feed of the activity's platform account at once,
/// the way the scheduler would at its next pass, then refreshes the activity's key figures. Pulls are idempotent, so a
/// replay only pulls again.
/// </summary>
public sealed class SyncNowHandler(
    DataverseClient client,
    IEmailPlatformProvider platforms,
    ReactionPull pull,
    KeyFiguresWriter keyFigures,
    IOptions<ReactionOptions> options,
    ListMembershipChangedHandler lists,
    ILogger<SyncNowHandler> logger) : IOperationHandler
{
    private static readonly string PlatformAccountValue = "_" + CampaignActivityColumns.PlatformAccountId + "_value";

    public SyncOperation Operation => SyncOperation.SyncNow;

    public async Task HandleAsync(SyncRequestRecord request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // "Sync list now" on a synced marketing list: bring the platform list in line with the members now, exactly
        // as a membership change does (reactions arrive through the account's feeds on their schedule).
        if (string.Equals(request.TargetTable, ListColumns.EntityName, StringComparison.OrdinalIgnoreCase))
        {
            await lists.HandleAsync(request, cancellationToken).ConfigureAwait(false);
            return;
        }

        var activityId = CampaignActivityOf(request, "Sync now");
        var activity = await client.TryRetrieveAsync(EntitySets.CampaignActivities, activityId, RetrieveOptions.Columns(PlatformAccountValue), cancellationToken).ConfigureAwait(false)
            ?? throw new PermanentRequestException($"Campaign activity {activityId:D} no longer exists.");
        var account = activity.GetGuid(PlatformAccountValue)
            ?? throw new PermanentRequestException($"Campaign activity {activityId:D} has no email platform account.");
        var platform = platforms.For(account);

        var feeds = 0;
        var events = 0;
        foreach (var feed in Enum.GetValues<ReactionFeed>().Where(platform.Capabilities.Supports))
        {
            var result = await pull.PullAsync(account, feed, options.Value.Overlap, cancellationToken).ConfigureAwait(false);
            feeds++;
            events += result.Events;
        }

        if (platform.Capabilities.Supports(PlatformFeatures.Reports))
            await keyFigures.UpdateAsync(activityId, cancellationToken).ConfigureAwait(false);
        WriteBackLog.SyncedNow(logger, activityId, account, feeds, events);
    }

    /// <summary>The campaign activity a SyncNow or RequestReport request is about.</summary>
    internal static Guid CampaignActivityOf(SyncRequestRecord request, string what)
    {
        if (request.CampaignActivityId is { } id)
            return id;
        if (string.Equals(request.TargetTable, CampaignActivityColumns.EntityName, StringComparison.OrdinalIgnoreCase) && Guid.TryParse(request.TargetId, out var target))
            return target;
        if (string.Equals(request.TargetTable, ListColumns.EntityName, StringComparison.OrdinalIgnoreCase))
            throw new PermanentRequestException($"{what} of a marketing list is not supported: it applies to campaign activities.");
        throw new PermanentRequestException($"{what} request {request.Id:D} names no campaign activity.");
    }
}
