using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Plugins.Recipients;

namespace EmailConnector.Plugins.Account;

/// <summary>
/// Update of account, PreOperation: a new primary address starts with a clean bounce history (invalid flag, category,
/// counts and last bounce reset in Target, saved with the address), as on contact and lead; accounts on marketing lists
/// get the same bounce columns, and a corrected address must not stay excluded as invalid.
/// </summary>
[PluginStep("5729b3e4-e800-5a9c-b070-0bb4035e31d7", "Update", "account", StepStage.PreOperation, FilteringAttributes = RecipientRules.EmailAddress)]
[PluginStepImage("931bb7ca-018b-5a39-ab0b-a2786a7a811e", RecipientSteps.PreImage, StepImageType.PreImage, RecipientRules.EmailAddress)]
public sealed class AccountOnUpdatePreOperation : PluginBase
{
    protected override void ExecuteStep(StepContext context) => RecipientSteps.ResetBouncesOnAddressChange(context);
}
