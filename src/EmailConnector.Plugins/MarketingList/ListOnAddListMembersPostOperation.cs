using System;
using EmailConnector.Plugins.Infrastructure;

namespace EmailConnector.Plugins.MarketingList;

/// <summary>AddListMembers of list (the request AddListMembersList), PostOperation: a synced list's membership changed.</summary>
[PluginStep("791c1ceb-1938-5510-9e04-e2a4fc935caa", "AddListMembers", "list", StepStage.PostOperation)]
public sealed class ListOnAddListMembersPostOperation : PluginBase
{
    protected override void ExecuteStep(StepContext context) =>
        MarketingListRules.EnqueueIfSynced(context, context.Input<Guid>("ListId"), context.Input<Guid[]>("MemberIds").Length);
}
