using EmailConnector.Plugins.Tests.Support;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Tests.Lead;

public class LeadOnDeletePostOperationTests
{
    [Fact]
    public void Delete_Lead_QueuesErase()
    {
        var org = new PluginOrganization();
        var id = org.Lead("Doe");

        org.Service.Delete("lead", id);

        var request = org.SingleSyncRequest();
        Assert.Equal((int)SyncOperation.Erase, request.GetAttributeValue<OptionSetValue>(SyncRequest.Operation).Value);
        Assert.Equal($"erase:lead:{id:D}:pending", request.GetAttributeValue<string>(SyncRequest.DedupeKey));
    }
}
