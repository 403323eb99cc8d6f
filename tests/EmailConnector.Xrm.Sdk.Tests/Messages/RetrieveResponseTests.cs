using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace EmailConnector.Xrm.Sdk.Tests.Messages;

public class RetrieveResponseTests
{
    [Fact]
    public void Entity_ReadsEntityResult()
    {
        var entity = new Entity("contact");
        var response = new RetrieveResponse();

        Assert.Null(response.Entity);
        response.Results["Entity"] = entity;
        Assert.Same(entity, response.Entity);
    }
}
