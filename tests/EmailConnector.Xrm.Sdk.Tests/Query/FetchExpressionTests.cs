using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Xrm.Sdk.Tests.Query;

public class FetchExpressionTests
{
    [Fact]
    public void Constructor_KeepsQueryText()
    {
        const string fetch = "<fetch><entity name='contact'/></fetch>";

        Assert.Equal(fetch, new FetchExpression(fetch).Query);
        Assert.IsAssignableFrom<QueryBase>(new FetchExpression());
    }
}
