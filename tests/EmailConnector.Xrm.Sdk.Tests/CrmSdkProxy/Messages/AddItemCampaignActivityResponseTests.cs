using Microsoft.Crm.Sdk.Messages;

namespace EmailConnector.Xrm.Sdk.Tests.CrmSdkProxy.Messages;

public class AddItemCampaignActivityResponseTests
{
    [Fact]
    public void CampaignActivityItemId_ReadsResult()
    {
        var id = new Guid("88888888-8888-8888-8888-888888888888");
        var response = new AddItemCampaignActivityResponse();

        response.Results["CampaignActivityItemId"] = id;

        Assert.Equal(id, response.CampaignActivityItemId);
    }
}
