using System;
using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Plugins.MarketingList;

/// <summary>Membership changes reach the platform only for lists marked "Sync to platform".</summary>
public static class MarketingListRules
{
    public static bool IsSynced(Entity list) => list.GetAttributeValue<bool?>(ListColumns.SyncToPlatform) == true;

    /// <summary>Queues ListMembershipChanged for the list when it is synced; the worker reconciles the whole membership.</summary>
    public static void EnqueueIfSynced(StepContext context, Guid listId, int memberCount)
    {
        var list = context.SystemService.Retrieve(ListColumns.EntityName, listId, new ColumnSet(ListColumns.SyncToPlatform));
        if (!IsSynced(list))
        {
            context.Trace("list " + listId + " is not synced to a platform: nothing to queue");
            return;
        }
        context.Trace("list " + listId + ": " + context.PluginContext.MessageName + " of " + memberCount + " member(s)");
        new SyncRequestWriter(context).Enqueue(new SyncRequestDraft(SyncOperation.ListMembershipChanged, ListColumns.EntityName, listId));
    }
}
