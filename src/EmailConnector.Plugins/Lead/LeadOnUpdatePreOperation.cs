using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Plugins.Recipients;

namespace EmailConnector.Plugins.Lead;

/// <summary>
/// Update of lead, PreOperation: a new primary address starts with a clean bounce history (invalid flag, category,
/// counts and last bounce reset in Target, saved with the address).
/// </summary>
[PluginStep("670f12b9-1f50-5151-8130-65096f1b9ff7", "Update", "lead", StepStage.PreOperation, FilteringAttributes = RecipientRules.EmailAddress)]
[PluginStepImage("e6aa0f2d-8140-5c1a-914e-fda10f3a8b28", RecipientSteps.PreImage, StepImageType.PreImage, RecipientRules.EmailAddress)]
public sealed class LeadOnUpdatePreOperation : PluginBase
{
    protected override void ExecuteStep(StepContext context) => RecipientSteps.ResetBouncesOnAddressChange(context);
}
