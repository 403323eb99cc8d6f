using Microsoft.Xrm.Sdk.Messages;

namespace EmailConnector.Xrm.Sdk.Tests.Messages;

public class CreateResponseTests
{
    [Fact]
    public void Id_ReadsLowerCaseIdResult()
    {
        var id = new Guid("22222222-2222-2222-2222-222222222222");
        var response = new CreateResponse();

        Assert.Equal(Guid.Empty, response.id);
        response.Results["id"] = id;
        Assert.Equal(id, response.id);
    }
}
