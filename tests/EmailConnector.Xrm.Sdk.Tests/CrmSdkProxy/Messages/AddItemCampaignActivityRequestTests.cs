using Microsoft.Crm.Sdk.Messages;

namespace EmailConnector.Xrm.Sdk.Tests.CrmSdkProxy.Messages;

public class AddItemCampaignActivityRequestTests
{
    [Fact]
    public void Properties_UseRealParameterKeys()
    {
        var activityId = new Guid("66666666-6666-6666-6666-666666666666");
        var itemId = new Guid("77777777-7777-7777-7777-777777777777");

        var request = new AddItemCampaignActivityRequest { CampaignActivityId = activityId, ItemId = itemId, EntityName = "list" };

        Assert.Equal("AddItemCampaignActivity", request.RequestName);
        Assert.Equal(activityId, request.Parameters["CampaignActivityId"]);
        Assert.Equal(itemId, request.Parameters["ItemId"]);
        Assert.Equal("list", request.Parameters["EntityName"]);
    }
}
