using System.ServiceModel;
using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Plugins.Tests.Support;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Tests.CustomApis;

public class SyncNowApiTests
{
    private readonly PluginOrganization _org = new();

    [Fact]
    public void SyncNow_Activity_QueuesSyncNowForTheActivity()
    {
        var activity = _org.EmailActivity();
        _org.ClearQueue();

        var response = _org.Call(CustomApiNames.SyncNow.Name, new EntityReference("campaignactivity", activity));

        var request = _org.SingleSyncRequest();
        Assert.Equal(request.Id, response[CustomApiNames.SyncNow.SyncRequestId]);
        Assert.Equal($"syncnow:campaignactivity:{activity:D}:pending", request.GetAttributeValue<string>(SyncRequest.DedupeKey));
    }

    [Fact]
    public void SyncListNow_SyncedList_QueuesSyncNowForTheList()
    {
        var list = _org.StaticList("Newsletter", synced: true);

        _org.Call(CustomApiNames.SyncListNow.Name, new EntityReference("list", list));

        Assert.Equal($"syncnow:list:{list:D}:pending", _org.SingleSyncRequest().GetAttributeValue<string>(SyncRequest.DedupeKey));
    }

    [Fact]
    public void SyncListNow_UnsyncedList_IsRefused()
    {
        var list = _org.StaticList("Internal");

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => _org.Call(CustomApiNames.SyncListNow.Name, new EntityReference("list", list)));

        Assert.Equal(ErrorMessages.ListNotSynced, fault.Detail.Message);
        Assert.Empty(_org.SyncRequests());
    }
}
