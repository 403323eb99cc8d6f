using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Schema;

namespace EmailConnector.Plugins.CampaignActivity;

/// <summary>
/// Update of campaignactivity, PreOperation: the same checks as on create, on the values the record will have after the
/// update (Target over the pre-image).
/// </summary>
[PluginStep("4983ef45-c5d1-5989-a067-ce6fa37ce78e", "Update", "campaignactivity", StepStage.PreOperation, FilteringAttributes = Columns)]
[PluginStepImage("ff860d05-de5a-5753-af4e-aef0b5c1902b", "PreImage", StepImageType.PreImage, Columns)]
public sealed class CampaignActivityOnUpdatePreOperation : PluginBase
{
    internal const string Columns = CampaignActivityRules.Channel + "," + CampaignActivityRules.Subject + "," + CampaignActivityColumns.ListName
        + "," + CampaignActivityColumns.Sender + "," + CampaignActivityColumns.ReplyTo;

    protected override void ExecuteStep(StepContext context) =>
        CampaignActivityPreOperation.Apply(context, context.TargetEntity, context.PreImage("PreImage"));
}
