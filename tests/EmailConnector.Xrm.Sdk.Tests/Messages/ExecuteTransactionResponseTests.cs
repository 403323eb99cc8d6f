using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace EmailConnector.Xrm.Sdk.Tests.Messages;

public class ExecuteTransactionResponseTests
{
    [Fact]
    public void Responses_ReadsResponsesResult()
    {
        var responses = new OrganizationResponseCollection { new CreateResponse() };
        var response = new ExecuteTransactionResponse();

        response.Results["Responses"] = responses;

        Assert.Same(responses, response.Responses);
    }
}
