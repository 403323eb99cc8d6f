using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Plugins.Recipients;
using EmailConnector.Schema;

namespace EmailConnector.Plugins.Lead;

/// <summary>
/// Delete of lead, PostOperation: queues Erase (personal-data removal at the platform). The queue row holds the record
/// id only; the pre-image gives the sync status, so the worker knows whether the platform ever had the record.
/// </summary>
[PluginStep("03f0ba77-7fca-5f14-9083-a5a9d785a69f", "Delete", "lead", StepStage.PostOperation)]
[PluginStepImage("3bfc71f6-6eec-596f-a603-25fe905cf180", RecipientSteps.PreImage, StepImageType.PreImage, RecipientColumns.SyncStatus)]
public sealed class LeadOnDeletePostOperation : PluginBase
{
    protected override void ExecuteStep(StepContext context) => RecipientSteps.EnqueueErase(context, "lead");
}
