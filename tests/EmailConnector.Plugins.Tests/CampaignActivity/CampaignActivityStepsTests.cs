using System.ServiceModel;
using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Plugins.Tests.Support;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Tests.CampaignActivity;

// The four campaign activity steps in the pipeline: PreOperation checks and defaults, PostOperation EnsureList.
public class CampaignActivityStepsTests
{
    private readonly PluginOrganization _org = new();

    [Fact]
    public void Create_InvalidSender_IsRefusedWithTheReadableMessageAndNothingIsSaved()
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            _org.EmailActivity(with: a => a[CampaignActivityColumns.Sender] = "news at example.com"));

        Assert.Equal(ErrorMessages.InvalidSender("news at example.com"), fault.Detail.Message);
        Assert.Empty(_org.Organization.Rows("campaignactivity"));
        Assert.Empty(_org.SyncRequests());
    }

    [Fact]
    public void Create_EmailPlatformWithoutListName_DefaultsTheListNameToTheSubjectAndQueuesEnsureListOnce()
    {
        var id = _org.EmailActivity("Spring offer", with: a => a[CampaignActivityColumns.Sender] = " news@example.com ");

        var activity = _org.Organization.Read("campaignactivity", id)!;
        Assert.Equal("Spring offer", activity.GetAttributeValue<string>(CampaignActivityColumns.ListName));
        Assert.Equal("news@example.com", activity.GetAttributeValue<string>(CampaignActivityColumns.Sender));
        var request = _org.SingleSyncRequest();
        Assert.Equal((int)SyncOperation.EnsureList, request.GetAttributeValue<OptionSetValue>(SyncRequest.Operation).Value);
        Assert.Equal(id, request.GetAttributeValue<EntityReference>(SyncRequest.CampaignActivityId).Id);
        Assert.Equal("channeltypecode,ec_listname,ec_platformaccountid", request.GetAttributeValue<string>(SyncRequest.ChangedColumns));
    }

    [Fact]
    public void Create_OtherChannel_NeitherChecksNorQueues()
    {
        var id = _org.EmailActivity(with: a =>
        {
            a["channeltypecode"] = new OptionSetValue(7);
            a[CampaignActivityColumns.Sender] = "not an address";
        });

        Assert.Null(_org.Organization.Read("campaignactivity", id)!.GetAttributeValue<string>(CampaignActivityColumns.ListName));
        Assert.Empty(_org.SyncRequests());
    }

    [Fact]
    public void Update_ListNameWhileEnsureListPending_CoalescesIntoTheSameRequest()
    {
        var id = _org.EmailActivity();
        var first = _org.SingleSyncRequest();

        _org.Service.Update(new Entity("campaignactivity", id) { [CampaignActivityColumns.ListName] = "Spring 2026" });

        Assert.Equal(first.Id, _org.SingleSyncRequest().Id);
    }

    [Fact]
    public void Update_OnlyTheSubject_QueuesNoNewEnsureList()
    {
        var id = _org.EmailActivity();
        _org.ClearQueue();

        _org.Service.Update(new Entity("campaignactivity", id) { ["subject"] = "Spring offer (final)" });

        Assert.Empty(_org.SyncRequests());
        Assert.Equal("Spring offer", _org.Organization.Read("campaignactivity", id)!.GetAttributeValue<string>(CampaignActivityColumns.ListName));
    }

    [Fact]
    public void Update_ChannelSwitchedToEmailPlatform_QueuesEnsureList()
    {
        var id = _org.EmailActivity(with: a => a["channeltypecode"] = new OptionSetValue(7));

        _org.Service.Update(new Entity("campaignactivity", id) { ["channeltypecode"] = new OptionSetValue((int)CampaignActivityChannel.EmailPlatform) });

        Assert.Equal("channeltypecode,ec_listname", _org.SingleSyncRequest().GetAttributeValue<string>(SyncRequest.ChangedColumns));
    }

    [Fact]
    public void Update_InvalidReplyTo_IsRefusedAndTheOldValueStays()
    {
        var id = _org.EmailActivity(with: a => a[CampaignActivityColumns.ReplyTo] = "replies@example.com");

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            _org.Service.Update(new Entity("campaignactivity", id) { [CampaignActivityColumns.ReplyTo] = "replies@" }));

        Assert.Equal(ErrorMessages.InvalidReplyTo("replies@"), fault.Detail.Message);
        Assert.Equal("replies@example.com", _org.Organization.Read("campaignactivity", id)!.GetAttributeValue<string>(CampaignActivityColumns.ReplyTo));
    }
}
