using System;
using EmailConnector.Plugins.Infrastructure;

namespace EmailConnector.Plugins.MarketingList;

/// <summary>RemoveMember of list (the request RemoveMemberList), PostOperation: a synced list's membership changed.</summary>
[PluginStep("5ec7490f-64d0-57a9-95a7-18a4dbc0c7d9", "RemoveMember", "list", StepStage.PostOperation)]
public sealed class ListOnRemoveMemberPostOperation : PluginBase
{
    protected override void ExecuteStep(StepContext context)
    {
        context.Input<Guid>("EntityId");
        MarketingListRules.EnqueueIfSynced(context, context.Input<Guid>("ListId"), 1);
    }
}
