using System;
using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Plugins.MarketingList;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Plugins.CustomApis;

/// <summary>
/// ec_SyncNow (bound to campaignactivity) and ec_SyncListNow (bound to list): queues SyncNow for the record, told apart
/// by MessageName; a pending SyncNow for the same record absorbs the click.
/// </summary>
[CustomApiHandler(CustomApiNames.SyncNow.Name)]
[CustomApiHandler(CustomApiNames.SyncListNow.Name)]
public sealed class SyncNowApi : PluginBase
{
    protected override void ExecuteStep(StepContext context)
    {
        var target = context.TargetReference;
        var draft = context.PluginContext.MessageName switch
        {
            CustomApiNames.SyncNow.Name => ForActivity(context, target.Id),
            CustomApiNames.SyncListNow.Name => ForList(context, target.Id),
            _ => throw new InvalidPluginExecutionException(ErrorMessages.UnknownCustomApi(context.StepName, context.PluginContext.MessageName)),
        };
        var id = new SyncRequestWriter(context).Enqueue(draft);
        context.PluginContext.OutputParameters[CustomApiNames.SyncNow.SyncRequestId] = id;
        context.PluginContext.OutputParameters[CustomApiNames.SyncNow.Message] = ErrorMessages.SyncQueued;
    }

    private static SyncRequestDraft ForActivity(StepContext context, Guid activityId)
    {
        ActivityForTransfer.Read(context, activityId).RequirePlatform();
        return new SyncRequestDraft(SyncOperation.SyncNow, CampaignActivityColumns.EntityName, activityId) { CampaignActivityId = activityId };
    }

    private static SyncRequestDraft ForList(StepContext context, Guid listId)
    {
        var list = context.SystemService.Retrieve(ListColumns.EntityName, listId, new ColumnSet(ListColumns.SyncToPlatform));
        if (!MarketingListRules.IsSynced(list))
            throw new InvalidPluginExecutionException(ErrorMessages.ListNotSynced);
        return new SyncRequestDraft(SyncOperation.SyncNow, ListColumns.EntityName, listId);
    }
}
