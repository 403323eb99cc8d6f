using EmailConnector.Plugins.Infrastructure;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.CampaignActivity;

/// <summary>
/// Create of campaignactivity, PreOperation: on the Email platform channel, refuses an invalid sender or reply-to and
/// fills the platform list name from the subject when it is empty.
/// </summary>
[PluginStep("0b8c7e63-bc13-5066-a220-6fdd571c04f9", "Create", "campaignactivity", StepStage.PreOperation)]
public sealed class CampaignActivityOnCreatePreOperation : PluginBase
{
    protected override void ExecuteStep(StepContext context) => CampaignActivityPreOperation.Apply(context, context.TargetEntity, null);
}
