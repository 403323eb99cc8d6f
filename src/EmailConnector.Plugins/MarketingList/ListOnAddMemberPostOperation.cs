using System;
using EmailConnector.Plugins.Infrastructure;

namespace EmailConnector.Plugins.MarketingList;

/// <summary>AddMember of list (the request AddMemberList), PostOperation: a synced list's membership changed.</summary>
[PluginStep("215b3ae2-d091-500e-ac7c-52eca624e259", "AddMember", "list", StepStage.PostOperation)]
public sealed class ListOnAddMemberPostOperation : PluginBase
{
    protected override void ExecuteStep(StepContext context)
    {
        context.Input<Guid>("EntityId");
        MarketingListRules.EnqueueIfSynced(context, context.Input<Guid>("ListId"), 1);
    }
}
