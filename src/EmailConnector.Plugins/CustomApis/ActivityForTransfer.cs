using System;
using System.Linq;
using EmailConnector.Plugins.CampaignActivity;
using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Plugins.CustomApis;

/// <summary>The campaign activity columns the custom APIs decide on, read once as SYSTEM.</summary>
internal sealed class ActivityForTransfer
{
    private static readonly ColumnSet Columns = new ColumnSet(
        CampaignActivityRules.Channel, "statecode", "ignoreinactivelistmembers",
        CampaignActivityColumns.PlatformAccountId, CampaignActivityColumns.TransferState);

    private ActivityForTransfer(Entity row)
    {
        Id = row.Id;
        IsEmailPlatform = CampaignActivityRules.IsEmailPlatform(row.GetAttributeValue<OptionSetValue>(CampaignActivityRules.Channel));
        IsOpen = (row.GetAttributeValue<OptionSetValue>("statecode")?.Value ?? 0) == 0;
        // Dataverse defaults ignoreinactivelistmembers to true; a missing value means the default.
        IgnoreInactiveMembers = row.GetAttributeValue<bool?>("ignoreinactivelistmembers") ?? true;
        HasPlatformAccount = row.GetAttributeValue<EntityReference>(CampaignActivityColumns.PlatformAccountId) is not null;
        var state = row.GetAttributeValue<OptionSetValue>(CampaignActivityColumns.TransferState)?.Value;
        TransferRunning = state == (int)TransferState.Queued || state == (int)TransferState.Transferring;
    }

    public Guid Id { get; }

    public bool IsEmailPlatform { get; }

    public bool IsOpen { get; }

    public bool IgnoreInactiveMembers { get; }

    public bool HasPlatformAccount { get; }

    public bool TransferRunning { get; }

    public static ActivityForTransfer Read(StepContext context, Guid id) =>
        new ActivityForTransfer(context.SystemService.Retrieve(CampaignActivityColumns.EntityName, id, Columns));

    /// <summary>Refuses with a readable message unless the activity can talk to a platform at all.</summary>
    public void RequirePlatform()
    {
        if (!IsEmailPlatform)
            throw new InvalidPluginExecutionException(ErrorMessages.NotAnEmailPlatformActivity);
        if (!HasPlatformAccount)
            throw new InvalidPluginExecutionException(ErrorMessages.NoPlatformAccount);
    }

    /// <summary>The ids of the marketing lists attached to the activity (campaignactivityitem rows).</summary>
    public static Guid[] ListIds(StepContext context, Guid activityId)
    {
        var query = new QueryExpression("campaignactivityitem") { ColumnSet = new ColumnSet("itemid") };
        query.Criteria.AddCondition("campaignactivityid", ConditionOperator.Equal, activityId);
        return context.SystemService.RetrieveMultiple(query).Entities
            .Select(e => e.GetAttributeValue<Guid>("itemid"))
            .Where(id => id != Guid.Empty)
            .Distinct()
            .ToArray();
    }
}
