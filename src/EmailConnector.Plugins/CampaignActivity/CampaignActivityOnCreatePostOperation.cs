using System.Linq;
using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Schema;

namespace EmailConnector.Plugins.CampaignActivity;

/// <summary>Create of campaignactivity, PostOperation: an activity on the Email platform channel gets its platform list (EnsureList).</summary>
[PluginStep("a11a126c-ec98-58ee-8321-4399ab16530c", "Create", "campaignactivity", StepStage.PostOperation)]
public sealed class CampaignActivityOnCreatePostOperation : PluginBase
{
    protected override void ExecuteStep(StepContext context)
    {
        var target = context.TargetEntity;
        if (!CampaignActivityRules.IsEmailPlatform(AttributeValues.Effective(CampaignActivityRules.Channel, target, null)))
            return;
        var id = context.PluginContext.PrimaryEntityId;
        new SyncRequestWriter(context).Enqueue(new SyncRequestDraft(SyncOperation.EnsureList, CampaignActivityColumns.EntityName, id)
        {
            CampaignActivityId = id,
            ChangedColumns = CampaignActivityRules.EnsureListColumns.Where(target.Attributes.ContainsKey).ToList(),
        });
    }
}
