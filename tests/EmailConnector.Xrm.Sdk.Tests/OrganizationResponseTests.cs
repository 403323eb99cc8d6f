using Microsoft.Xrm.Sdk;

namespace EmailConnector.Xrm.Sdk.Tests;

public class OrganizationResponseTests
{
    [Fact]
    public void Indexer_ReadsAndWritesResults()
    {
        var response = new OrganizationResponse { ResponseName = "CreateMultiple", ["Ids"] = new[] { Guid.Empty } };

        Assert.Equal(new[] { Guid.Empty }, response.Results["Ids"]);
        Assert.Throws<KeyNotFoundException>(() => response["Missing"]);
    }
}
