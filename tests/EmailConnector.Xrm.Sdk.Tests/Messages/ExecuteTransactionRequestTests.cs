using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace EmailConnector.Xrm.Sdk.Tests.Messages;

public class ExecuteTransactionRequestTests
{
    [Fact]
    public void Properties_UseRealParameterKeys()
    {
        var requests = new OrganizationRequestCollection();

        var request = new ExecuteTransactionRequest { Requests = requests, ReturnResponses = true };

        Assert.Equal("ExecuteTransaction", request.RequestName);
        Assert.Same(requests, request.Parameters["Requests"]);
        Assert.Equal(true, request.Parameters["ReturnResponses"]);
    }

    [Fact]
    public void ReturnResponses_Unset_IsNull()
    {
        Assert.Null(new ExecuteTransactionRequest().ReturnResponses);
    }
}
