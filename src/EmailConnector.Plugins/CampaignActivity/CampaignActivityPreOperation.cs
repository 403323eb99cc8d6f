using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.CampaignActivity;

// The work both PreOperation steps share; a plain function, not a base class.
internal static class CampaignActivityPreOperation
{
    public static void Apply(StepContext context, Entity target, Entity? preImage)
    {
        if (!CampaignActivityRules.IsEmailPlatform(AttributeValues.Effective(CampaignActivityRules.Channel, target, preImage)))
        {
            context.Trace("not on the Email platform channel: nothing to check");
            return;
        }
        CampaignActivityRules.TrimAddresses(target);
        var problem = CampaignActivityRules.ValidateAddresses(
            CampaignActivityRules.Text(AttributeValues.Effective(CampaignActivityColumns.Sender, target, preImage)),
            CampaignActivityRules.Text(AttributeValues.Effective(CampaignActivityColumns.ReplyTo, target, preImage)));
        if (problem is not null)
            throw new InvalidPluginExecutionException(problem);

        var listName = CampaignActivityRules.DefaultListName(
            CampaignActivityRules.Text(AttributeValues.Effective(CampaignActivityColumns.ListName, target, preImage)),
            CampaignActivityRules.Text(AttributeValues.Effective(CampaignActivityRules.Subject, target, preImage)));
        if (listName is not null)
        {
            target[CampaignActivityColumns.ListName] = listName;
            context.Trace(CampaignActivityColumns.ListName + " defaulted from " + CampaignActivityRules.Subject);
        }
    }
}
