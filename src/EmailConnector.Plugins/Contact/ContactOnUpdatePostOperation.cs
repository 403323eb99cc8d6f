using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Plugins.Recipients;
using EmailConnector.Schema;

namespace EmailConnector.Plugins.Contact;

/// <summary>
/// Update of contact, PostOperation: a real change of a mapped column queues UpdateRecipient, of consent or state
/// ConsentChanged, for records the platform already knows; column names only, coalesced while pending.
/// </summary>
[PluginStep("be8a8338-131d-5827-9c57-ecaaa8c06f0c", "Update", "contact", StepStage.PostOperation, FilteringAttributes = Columns)]
[PluginStepImage("792a73b1-f9c8-5223-9426-b854a6d79bd1", RecipientSteps.PreImage, StepImageType.PreImage, Columns + "," + RecipientColumns.SyncStatus)]
public sealed class ContactOnUpdatePostOperation : PluginBase
{
    internal const string Columns = "salutation,firstname,middlename,lastname,fullname,jobtitle,parentcustomerid,"
        + RecipientRules.EmailAddress + "," + RecipientRules.DoNotBulkEmail + "," + RecipientRules.DoNotEmail + "," + RecipientRules.StateCode;

    protected override void ExecuteStep(StepContext context) => RecipientSteps.EnqueueChanges(context, RecipientRules.Contact);
}
