using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.CustomApis;

/// <summary>
/// ec_StartTransfer (action bound to campaignactivity): queues TransferRecipients and marks the activity Queued, or
/// refuses with a readable message (not Email platform, closed, no account, no list, a transfer already running).
/// </summary>
[CustomApiHandler(CustomApiNames.StartTransfer.Name)]
public sealed class StartTransferApi : PluginBase
{
    protected override void ExecuteStep(StepContext context)
    {
        var activityId = context.TargetReference.Id;
        var activity = ActivityForTransfer.Read(context, activityId);
        activity.RequirePlatform();
        if (!activity.IsOpen)
            throw new InvalidPluginExecutionException(ErrorMessages.ActivityClosed);
        if (ActivityForTransfer.ListIds(context, activityId).Length == 0)
            throw new InvalidPluginExecutionException(ErrorMessages.NoMarketingList);
        var writer = new SyncRequestWriter(context);
        if (activity.TransferRunning || writer.FindPending(SyncOperation.TransferRecipients, CampaignActivityColumns.EntityName, activityId) is not null)
            throw new InvalidPluginExecutionException(ErrorMessages.TransferAlreadyRunning);

        var expected = context.OptionalInput<int?>(CustomApiNames.StartTransfer.RequestExpectedRecipientCount, null);
        var parameters = new JsonText().BeginObject();
        if (expected is int count)
            parameters.Property("expectedRecipientCount", count);
        var id = writer.Enqueue(new SyncRequestDraft(SyncOperation.TransferRecipients, CampaignActivityColumns.EntityName, activityId)
        {
            CampaignActivityId = activityId,
            Parameters = parameters.EndObject().ToString(),
        });
        context.SystemService.Update(new Entity(CampaignActivityColumns.EntityName, activityId)
        {
            [CampaignActivityColumns.TransferState] = new OptionSetValue((int)TransferState.Queued),
        });
        context.PluginContext.OutputParameters[CustomApiNames.StartTransfer.SyncRequestId] = id;
        context.PluginContext.OutputParameters[CustomApiNames.StartTransfer.Message] = ErrorMessages.TransferQueued;
    }
}
