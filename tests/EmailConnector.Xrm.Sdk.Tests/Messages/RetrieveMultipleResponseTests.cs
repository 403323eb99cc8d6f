using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace EmailConnector.Xrm.Sdk.Tests.Messages;

public class RetrieveMultipleResponseTests
{
    [Fact]
    public void EntityCollection_ReadsEntityCollectionResult()
    {
        var collection = new EntityCollection();
        var response = new RetrieveMultipleResponse();

        response.Results["EntityCollection"] = collection;

        Assert.Same(collection, response.EntityCollection);
    }
}
