using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Recipients;

// What the contact and lead steps do, table by table the same; plain functions, not a base class.
internal static class RecipientSteps
{
    public const string PreImage = "PreImage";

    public static void ResetBouncesOnAddressChange(StepContext context)
    {
        var target = context.TargetEntity;
        if (!RecipientRules.AddressChanged(target, context.PreImage(PreImage)))
            return;
        RecipientRules.ResetBounceState(target);
        context.Trace(target.LogicalName + " " + target.Id + ": address changed, bounce columns reset");
    }

    public static void EnqueueChanges(StepContext context, RecipientRules rules)
    {
        var target = context.TargetEntity;
        var preImage = context.PreImage(PreImage);
        if (!RecipientRules.IsKnownToPlatform(preImage))
        {
            context.Trace(rules.Table + " " + target.Id + ": not on the platform yet, nothing to queue");
            return;
        }
        var writer = new SyncRequestWriter(context);
        var mapped = rules.ChangedMappedColumns(target, preImage);
        if (mapped.Count > 0)
            writer.Enqueue(new SyncRequestDraft(SyncOperation.UpdateRecipient, rules.Table, target.Id) { ChangedColumns = mapped });
        var consent = RecipientRules.ChangedConsentColumns(target, preImage);
        if (consent.Count > 0 && context.Tag == WriteTags.OptOutFromPlatform)
        {
            // The worker wrote back an opt-out the platform reported: the platform has it, no request goes back.
            context.Trace(rules.Table + " " + target.Id + ": opt-out came from the email platform, no ConsentChanged queued");
            consent = [];
        }

        if (consent.Count > 0)
            writer.Enqueue(new SyncRequestDraft(SyncOperation.ConsentChanged, rules.Table, target.Id) { ChangedColumns = consent });
        if (mapped.Count == 0 && consent.Count == 0)
            context.Trace(rules.Table + " " + target.Id + ": no sync-relevant value changed");
    }

    // The row is gone after this transaction; the queue keeps its table and id only, which is all the platform keys on.
    public static void EnqueueErase(StepContext context, string table)
    {
        var record = context.TargetReference;
        var preImage = context.PreImage(PreImage);
        var status = preImage.GetAttributeValue<OptionSetValue>(RecipientColumns.SyncStatus);
        new SyncRequestWriter(context).Enqueue(new SyncRequestDraft(SyncOperation.Erase, table, record.Id)
        {
            Parameters = new JsonText().BeginObject().Property("syncStatus", status?.Value ?? (int)SyncStatus.NotSynced).EndObject().ToString(),
        });
    }
}
