using Microsoft.Crm.Sdk.Messages;

namespace EmailConnector.Xrm.Sdk.Tests.CrmSdkProxy.Messages;

public class RemoveMemberListRequestTests
{
    [Fact]
    public void Properties_UseRealParameterKeys()
    {
        var listId = new Guid("33333333-3333-3333-3333-333333333333");
        var entityId = new Guid("44444444-4444-4444-4444-444444444444");

        var request = new RemoveMemberListRequest { ListId = listId, EntityId = entityId };

        Assert.Equal("RemoveMemberList", request.RequestName);
        Assert.Equal(listId, request.Parameters["ListId"]);
        Assert.Equal(entityId, request.Parameters["EntityId"]);
    }
}
