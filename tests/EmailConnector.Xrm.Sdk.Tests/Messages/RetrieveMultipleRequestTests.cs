using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Xrm.Sdk.Tests.Messages;

public class RetrieveMultipleRequestTests
{
    [Fact]
    public void Query_IsParameterQuery()
    {
        var query = new QueryExpression("contact");

        var request = new RetrieveMultipleRequest { Query = query };

        Assert.Equal("RetrieveMultiple", request.RequestName);
        Assert.Same(query, request.Parameters["Query"]);
    }
}
