using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Dataverse;
using EmailConnector.Dataverse.Rows;
using EmailConnector.Schema;
using EmailConnector.Worker.Queue;
using Microsoft.Extensions.Logging;

namespace EmailConnector.Worker.Operations;

/// <summary>
/// EnsureList: the campaign activity gets exactly one platform list. The platform is idempotent by the activity's
/// record, and the id is stored on <c>ec_platformlistid</c>, so a replay (crash between the two calls, retry) finds the
/// list instead of creating a second one.
/// </summary>
public sealed class EnsureListHandler(DataverseClient client, IEmailPlatformProvider platforms, ILogger<EnsureListHandler> logger) : IOperationHandler
{
    private static readonly string PlatformAccountValue = "_" + CampaignActivityColumns.PlatformAccountId + "_value";

    public SyncOperation Operation => SyncOperation.EnsureList;

    public async Task HandleAsync(SyncRequestRecord request, CancellationToken cancellationToken)
    {
        var activityId = ActivityIdOf(request);
        var activity = await client.TryRetrieveAsync(
            EntitySets.CampaignActivities,
            activityId,
            RetrieveOptions.Columns("subject", CampaignActivityColumns.ListName, CampaignActivityColumns.Sender, CampaignActivityColumns.ReplyTo, CampaignActivityColumns.PlatformListId, PlatformAccountValue),
            cancellationToken).ConfigureAwait(false)
            ?? throw new PermanentRequestException($"Campaign activity {activityId:D} no longer exists.");

        if (activity.GetString(CampaignActivityColumns.PlatformListId) is { Length: > 0 } stored)
        {
            Log.ListAlreadyStored(logger, activityId, stored);
            return;
        }

        var accountId = activity.GetGuid(PlatformAccountValue)
            ?? throw new PermanentRequestException($"Campaign activity {activityId:D} has no email platform account.");
        var name = FirstNonBlank(activity.GetString(CampaignActivityColumns.ListName), activity.GetString("subject"))
            ?? "Campaign activity " + activityId.ToString("D");

        var platform = platforms.For(accountId);
        var list = await platform.EnsureListAsync(
            new ListDefinition(new RecordReference(CampaignActivityColumns.EntityName, activityId), name,
                activity.GetString(CampaignActivityColumns.Sender), activity.GetString(CampaignActivityColumns.ReplyTo)),
            cancellationToken).ConfigureAwait(false);

        await client.UpdateAsync(
            EntitySets.CampaignActivities,
            activityId,
            new DataverseRow().Set(CampaignActivityColumns.PlatformListId, list.Id),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        Log.ListEnsured(logger, activityId, list.Id, list.Created);
    }

    private static Guid ActivityIdOf(SyncRequestRecord request)
    {
        if (request.CampaignActivityId is { } id)
            return id;
        if (string.Equals(request.TargetTable, CampaignActivityColumns.EntityName, StringComparison.OrdinalIgnoreCase)
            && Guid.TryParse(request.TargetId, out var target))
            return target;
        throw new PermanentRequestException($"EnsureList request {request.Id:D} names no campaign activity.");
    }

    private static string? FirstNonBlank(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
