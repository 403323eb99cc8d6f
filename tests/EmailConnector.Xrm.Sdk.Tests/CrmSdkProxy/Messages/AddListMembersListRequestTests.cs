using Microsoft.Crm.Sdk.Messages;

namespace EmailConnector.Xrm.Sdk.Tests.CrmSdkProxy.Messages;

public class AddListMembersListRequestTests
{
    [Fact]
    public void Properties_UseRealParameterKeys()
    {
        var listId = new Guid("33333333-3333-3333-3333-333333333333");
        var members = new[] { new Guid("44444444-4444-4444-4444-444444444444") };

        var request = new AddListMembersListRequest { ListId = listId, MemberIds = members };

        Assert.Equal("AddListMembersList", request.RequestName);
        Assert.Equal(listId, request.Parameters["ListId"]);
        Assert.Same(members, request.Parameters["MemberIds"]);
    }
}
