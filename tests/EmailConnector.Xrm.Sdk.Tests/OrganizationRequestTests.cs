using Microsoft.Xrm.Sdk;

namespace EmailConnector.Xrm.Sdk.Tests;

public class OrganizationRequestTests
{
    [Fact]
    public void NamedConstructor_SetsNameAndEmptyParameters()
    {
        var request = new OrganizationRequest("CreateMultiple");

        Assert.Equal("CreateMultiple", request.RequestName);
        Assert.Empty(request.Parameters);
        Assert.Null(request.RequestId);
    }

    [Fact]
    public void Indexer_ReadsAndWritesParameters()
    {
        var request = new OrganizationRequest("ec_SyncList") { ["ListId"] = Guid.Empty };

        Assert.Equal(Guid.Empty, request.Parameters["ListId"]);
        Assert.Throws<KeyNotFoundException>(() => request["Missing"]);
    }
}
