using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Plugins.Recipients;
using EmailConnector.Schema;

namespace EmailConnector.Plugins.Lead;

/// <summary>
/// Update of lead, PostOperation: a real change of a mapped column queues UpdateRecipient, of consent or state
/// ConsentChanged, for records the platform already knows; column names only, coalesced while pending.
/// </summary>
[PluginStep("fe125fac-5cb9-58e6-aedb-31cc796c44af", "Update", "lead", StepStage.PostOperation, FilteringAttributes = Columns)]
[PluginStepImage("e73824cf-b2a0-5c49-b99b-978ff85d1f7e", RecipientSteps.PreImage, StepImageType.PreImage, Columns + "," + RecipientColumns.SyncStatus)]
public sealed class LeadOnUpdatePostOperation : PluginBase
{
    internal const string Columns = "salutation,firstname,middlename,lastname,fullname,jobtitle,companyname,"
        + RecipientRules.EmailAddress + "," + RecipientRules.DoNotBulkEmail + "," + RecipientRules.DoNotEmail + "," + RecipientRules.StateCode;

    protected override void ExecuteStep(StepContext context) => RecipientSteps.EnqueueChanges(context, RecipientRules.Lead);
}
