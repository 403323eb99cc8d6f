using Microsoft.Crm.Sdk.Messages;

namespace EmailConnector.Xrm.Sdk.Tests.CrmSdkProxy.Messages;

public class AddMemberListResponseTests
{
    [Fact]
    public void Id_ReadsIdResult()
    {
        var id = new Guid("55555555-5555-5555-5555-555555555555");
        var response = new AddMemberListResponse();

        response.Results["Id"] = id;

        Assert.Equal(id, response.Id);
    }
}
