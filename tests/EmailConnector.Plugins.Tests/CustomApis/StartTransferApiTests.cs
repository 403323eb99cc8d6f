using System.ServiceModel;
using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Plugins.Tests.Support;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Tests.CustomApis;

public class StartTransferApiTests
{
    private readonly PluginOrganization _org = new();

    [Fact]
    public void Start_ReadyActivity_QueuesTransferRecipientsOnceAndMarksTheActivityQueued()
    {
        var activity = ReadyActivity();

        var response = _org.Call(CustomApiNames.StartTransfer.Name, new EntityReference("campaignactivity", activity), (CustomApiNames.StartTransfer.RequestExpectedRecipientCount, 1));

        var request = Assert.Single(_org.SyncRequests(), r => r.GetAttributeValue<OptionSetValue>(SyncRequest.Operation).Value == (int)SyncOperation.TransferRecipients);
        Assert.Equal(request.Id, response[CustomApiNames.StartTransfer.SyncRequestId]);
        Assert.Equal(ErrorMessages.TransferQueued, response[CustomApiNames.StartTransfer.Message]);
        Assert.Equal("{\"expectedRecipientCount\":1}", request.GetAttributeValue<string>(SyncRequest.Parameters));
        Assert.Equal(activity, request.GetAttributeValue<EntityReference>(SyncRequest.CampaignActivityId).Id);
        Assert.Equal((int)TransferState.Queued, _org.Organization.Read("campaignactivity", activity)!.GetAttributeValue<OptionSetValue>(CampaignActivityColumns.TransferState).Value);

        var again = Assert.Throws<FaultException<OrganizationServiceFault>>(() => _org.Call(CustomApiNames.StartTransfer.Name, new EntityReference("campaignactivity", activity)));
        Assert.Equal(ErrorMessages.TransferAlreadyRunning, again.Detail.Message);
        Assert.Single(_org.SyncRequests(), r => r.GetAttributeValue<OptionSetValue>(SyncRequest.Operation).Value == (int)SyncOperation.TransferRecipients);
    }

    [Fact]
    public void Start_NoPlatformAccount_IsRefused()
    {
        var activity = _org.EmailActivity(withAccount: false);
        _org.AttachList(activity, _org.StaticList("Newsletter"));

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => _org.Call(CustomApiNames.StartTransfer.Name, new EntityReference("campaignactivity", activity)));

        Assert.Equal(ErrorMessages.NoPlatformAccount, fault.Detail.Message);
    }

    [Fact]
    public void Start_NoMarketingList_IsRefusedAndQueuesNothing()
    {
        var activity = _org.EmailActivity();
        _org.ClearQueue();

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => _org.Call(CustomApiNames.StartTransfer.Name, new EntityReference("campaignactivity", activity)));

        Assert.Equal(ErrorMessages.NoMarketingList, fault.Detail.Message);
        Assert.Empty(_org.SyncRequests());
    }

    private Guid ReadyActivity()
    {
        var activity = _org.EmailActivity();
        var list = _org.StaticList("Newsletter");
        _org.AddMembers(list, _org.Contact("Able", "able@example.com", transferred: false));
        _org.AttachList(activity, list);
        return activity;
    }
}
