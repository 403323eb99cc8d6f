using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace EmailConnector.Xrm.Sdk.Tests.Messages;

public class CreateRequestTests
{
    [Fact]
    public void Constructor_NamesRequestAndDeclaresTarget()
    {
        var request = new CreateRequest();

        Assert.Equal("Create", request.RequestName);
        Assert.True(request.Parameters.Contains("Target"));
        Assert.Null(request.Target);
    }

    [Fact]
    public void Target_IsParameterTarget()
    {
        var target = new Entity("contact");

        var request = new CreateRequest { Target = target };

        Assert.Same(target, request.Parameters["Target"]);
        request.Parameters["Target"] = new Entity("account");
        Assert.Equal("account", request.Target.LogicalName);
    }
}
