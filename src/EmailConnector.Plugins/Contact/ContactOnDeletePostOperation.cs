using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Plugins.Recipients;
using EmailConnector.Schema;

namespace EmailConnector.Plugins.Contact;

/// <summary>
/// Delete of contact, PostOperation: queues Erase (personal-data removal at the platform). The queue row holds the record
/// id only; the pre-image gives the sync status, so the worker knows whether the platform ever had the record.
/// </summary>
[PluginStep("c6b1d377-03be-55fc-ba1b-7c5db7b6b8d0", "Delete", "contact", StepStage.PostOperation)]
[PluginStepImage("5b210d76-855b-5738-95d0-1f87aefa345d", RecipientSteps.PreImage, StepImageType.PreImage, RecipientColumns.SyncStatus)]
public sealed class ContactOnDeletePostOperation : PluginBase
{
    protected override void ExecuteStep(StepContext context) => RecipientSteps.EnqueueErase(context, "contact");
}
