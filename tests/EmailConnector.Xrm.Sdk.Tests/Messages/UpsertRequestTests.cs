using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace EmailConnector.Xrm.Sdk.Tests.Messages;

public class UpsertRequestTests
{
    [Fact]
    public void Target_IsParameterTarget()
    {
        var target = new Entity("contact", "emailaddress1", "a@example.com");

        var request = new UpsertRequest { Target = target };

        Assert.Equal("Upsert", request.RequestName);
        Assert.Same(target, request.Parameters["Target"]);
    }
}
