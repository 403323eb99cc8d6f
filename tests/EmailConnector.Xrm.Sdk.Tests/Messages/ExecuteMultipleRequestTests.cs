using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace EmailConnector.Xrm.Sdk.Tests.Messages;

public class ExecuteMultipleRequestTests
{
    [Fact]
    public void Properties_UseRealParameterKeys()
    {
        var requests = new OrganizationRequestCollection { new CreateRequest { Target = new Entity("contact") } };
        var settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true };

        var request = new ExecuteMultipleRequest { Requests = requests, Settings = settings };

        Assert.Equal("ExecuteMultiple", request.RequestName);
        Assert.Same(requests, request.Parameters["Requests"]);
        Assert.Same(settings, request.Parameters["Settings"]);
    }
}
