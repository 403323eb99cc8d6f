using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Plugins.Recipients;

namespace EmailConnector.Plugins.Contact;

/// <summary>
/// Update of contact, PreOperation: a new primary address starts with a clean bounce history (invalid flag, category,
/// counts and last bounce reset in Target, saved with the address).
/// </summary>
[PluginStep("f38197ad-8a9a-5c5f-80d6-5fcb2934bf12", "Update", "contact", StepStage.PreOperation, FilteringAttributes = RecipientRules.EmailAddress)]
[PluginStepImage("405f2689-6971-5194-9b7a-90e1355b6c35", RecipientSteps.PreImage, StepImageType.PreImage, RecipientRules.EmailAddress)]
public sealed class ContactOnUpdatePreOperation : PluginBase
{
    protected override void ExecuteStep(StepContext context) => RecipientSteps.ResetBouncesOnAddressChange(context);
}
