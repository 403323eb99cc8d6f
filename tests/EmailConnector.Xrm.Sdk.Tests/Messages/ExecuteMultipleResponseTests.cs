using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace EmailConnector.Xrm.Sdk.Tests.Messages;

public class ExecuteMultipleResponseTests
{
    [Fact]
    public void Properties_ReadRealResultKeys()
    {
        var items = new ExecuteMultipleResponseItemCollection
        {
            new() { RequestIndex = 1, Fault = new OrganizationServiceFault { Message = "failed" } },
        };
        var response = new ExecuteMultipleResponse();

        response.Results["Responses"] = items;
        response.Results["IsFaulted"] = true;

        Assert.Same(items, response.Responses);
        Assert.True(response.IsFaulted);
        Assert.Equal(1, response.Responses[0].RequestIndex);
    }
}
