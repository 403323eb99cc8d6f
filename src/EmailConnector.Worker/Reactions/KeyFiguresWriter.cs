using EmailConnector.Core.Reactions;
using EmailConnector.Dataverse;
using EmailConnector.Dataverse.Rows;
using EmailConnector.Schema;
using EmailConnector.Worker.Operations;

namespace EmailConnector.Worker.Reactions;

/// <summary>
/// Copies the platform's key figures of an activity's list onto the campaign activity (counts, and rates as percent
/// with two decimals). The figures replace what was there, so a repeated run writes the same values.
/// </summary>
public sealed class KeyFiguresWriter(DataverseClient client, IEmailPlatformProvider platforms, TimeProvider time)
{
    private const string PlatformAccountValue = "_" + CampaignActivityColumns.PlatformAccountId + "_value";

    /// <summary>The figures written, or null when the activity has no platform list yet (nothing was mailed).</summary>
    public async Task<KeyFigures?> UpdateAsync(Guid campaignActivityId, CancellationToken cancellationToken)
    {
        var activity = await client.TryRetrieveAsync(EntitySets.CampaignActivities, campaignActivityId,
                RetrieveOptions.Columns(CampaignActivityColumns.PlatformListId, PlatformAccountValue), cancellationToken).ConfigureAwait(false)
            ?? throw new PermanentRequestException($"Campaign activity {campaignActivityId:D} no longer exists.");
        if (activity.GetString(CampaignActivityColumns.PlatformListId) is not { Length: > 0 } listId)
            return null;
        var account = activity.GetGuid(PlatformAccountValue)
            ?? throw new PermanentRequestException($"Campaign activity {campaignActivityId:D} has no email platform account.");

        var figures = await platforms.For(account).GetKeyFiguresAsync(listId, cancellationToken).ConfigureAwait(false);
        await client.UpdateAsync(EntitySets.CampaignActivities, campaignActivityId, ToRow(figures, time.GetUtcNow()), cancellationToken: cancellationToken).ConfigureAwait(false);
        return figures;
    }

    // CRM's bounce categories are Hard, Soft and Unknown: a blocked bounce says nothing about the address, so Unknown.
    public static DataverseRow ToRow(KeyFigures figures, DateTimeOffset updatedOn)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return new DataverseRow()
            .Set(CampaignActivityColumns.SentCount, figures.Sent)
            .Set(CampaignActivityColumns.DeliveredCount, figures.Delivered)
            .Set(CampaignActivityColumns.OpenCount, figures.Opens)
            .Set(CampaignActivityColumns.UniqueOpenCount, figures.UniqueOpens)
            .Set(CampaignActivityColumns.ClickCount, figures.Clicks)
            .Set(CampaignActivityColumns.UniqueClickerCount, figures.UniqueClicks)
            .Set(CampaignActivityColumns.ReplyCount, figures.Replies)
            .Set(CampaignActivityColumns.SoftBounces, figures.SoftBounces)
            .Set(CampaignActivityColumns.HardBounces, figures.HardBounces)
            .Set(CampaignActivityColumns.UnknownBounces, figures.UnknownBounces + figures.BlockedBounces)
            .Set(CampaignActivityColumns.ComplaintCount, figures.Complaints)
            .Set(CampaignActivityColumns.UnsubscribeCount, figures.Unsubscribes)
            .Set(CampaignActivityColumns.DeliveredRate, Percent(figures.DeliveredRate))
            .Set(CampaignActivityColumns.OpenRate, Percent(figures.OpenRate))
            .Set(CampaignActivityColumns.UniqueOpenRate, Percent(figures.UniqueOpenRate))
            .Set(CampaignActivityColumns.ClickRate, Percent(figures.ClickRate))
            .Set(CampaignActivityColumns.UserClickRate, Percent(figures.UniqueClickRate))
            .Set(CampaignActivityColumns.ReplyRate, Percent(figures.ReplyRate))
            .Set(CampaignActivityColumns.SoftBounceRate, Percent(figures.SoftBounceRate))
            .Set(CampaignActivityColumns.HardBounceRate, Percent(figures.HardBounceRate))
            .Set(CampaignActivityColumns.UnsubscribeRate, Percent(figures.UnsubscribeRate))
            .Set(CampaignActivityColumns.ComplaintRate, Percent(figures.ComplaintRate))
            .Set(CampaignActivityColumns.StatisticsUpdatedOn, updatedOn);
    }

    private static decimal Percent(double rate) => Math.Round((decimal)rate * 100m, 2, MidpointRounding.AwayFromZero);
}
