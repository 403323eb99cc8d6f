using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Schema;

namespace EmailConnector.Plugins.CustomApis;

/// <summary>
/// ec_PreviewTransfer (function bound to campaignactivity): lists, members, recipients and exclusions by reason, counted
/// with the transfer's own rules. It writes nothing.
/// </summary>
[CustomApiHandler(CustomApiNames.PreviewTransfer.Name)]
public sealed class PreviewTransferApi : PluginBase
{
    protected override void ExecuteStep(StepContext context)
    {
        var activityId = context.TargetReference.Id;
        var activity = ActivityForTransfer.Read(context, activityId);
        var preview = new TransferPreview(context.SystemService);
        preview.Run(activityId, ActivityForTransfer.ListIds(context, activityId), activity.IgnoreInactiveMembers);

        var output = context.PluginContext.OutputParameters;
        output[CustomApiNames.PreviewTransfer.ListCount] = preview.Lists.Count;
        output[CustomApiNames.PreviewTransfer.MemberCount] = preview.Tally.Total;
        output[CustomApiNames.PreviewTransfer.RecipientCount] = preview.Tally.Included;
        output[CustomApiNames.PreviewTransfer.ExcludedCount] = preview.Tally.Excluded;
        output[CustomApiNames.PreviewTransfer.ExcludedDoNotBulkEmail] = preview.Excluded(TransferPreview.DoNotBulkEmail);
        output[CustomApiNames.PreviewTransfer.ExcludedInvalidAddress] = preview.Excluded(TransferPreview.InvalidAddress);
        output[CustomApiNames.PreviewTransfer.ExcludedBounced] = preview.Excluded(TransferPreview.Bounced);
        output[CustomApiNames.PreviewTransfer.ExcludedUnsubscribed] = preview.Excluded(TransferPreview.Unsubscribed);
        output[CustomApiNames.PreviewTransfer.ExcludedDuplicateAddress] = preview.Excluded(TransferPreview.DuplicateAddress);
        output[CustomApiNames.PreviewTransfer.ExcludedNoAddress] = preview.Excluded(TransferPreview.NoAddress);
        output[CustomApiNames.PreviewTransfer.ListsJson] = preview.ListsJson();
        context.Trace("activity " + activityId + ": " + preview.Lists.Count + " list(s), " + preview.Tally.Total + " member(s), "
            + preview.Tally.Included + " recipient(s), " + preview.Tally.Excluded + " excluded");
    }
}
