using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Schema;

namespace EmailConnector.Plugins.CampaignActivity;

/// <summary>
/// Update of campaignactivity, PostOperation: EnsureList again only when the activity moved to the Email platform
/// channel or its platform account or list name really changed; the pending request absorbs repeated edits.
/// </summary>
[PluginStep("33b948df-215a-5e9c-9fc8-d87fdf649f74", "Update", "campaignactivity", StepStage.PostOperation, FilteringAttributes = Columns)]
[PluginStepImage("23bd2949-c02b-58ab-ab49-bf083d9a36ae", "PreImage", StepImageType.PreImage, Columns)]
public sealed class CampaignActivityOnUpdatePostOperation : PluginBase
{
    internal const string Columns = CampaignActivityRules.Channel + "," + CampaignActivityColumns.PlatformAccountId + "," + CampaignActivityColumns.ListName;

    protected override void ExecuteStep(StepContext context)
    {
        var changed = CampaignActivityRules.EnsureListChanges(context.TargetEntity, context.PreImage("PreImage"));
        if (changed.Count == 0)
            return;
        var id = context.PluginContext.PrimaryEntityId;
        new SyncRequestWriter(context).Enqueue(new SyncRequestDraft(SyncOperation.EnsureList, CampaignActivityColumns.EntityName, id)
        {
            CampaignActivityId = id,
            ChangedColumns = changed,
        });
    }
}
