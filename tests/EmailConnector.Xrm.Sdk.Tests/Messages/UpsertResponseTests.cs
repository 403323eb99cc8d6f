using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace EmailConnector.Xrm.Sdk.Tests.Messages;

public class UpsertResponseTests
{
    [Fact]
    public void Properties_ReadRealResultKeys()
    {
        var target = new EntityReference("contact", Guid.Empty);
        var response = new UpsertResponse();

        Assert.False(response.RecordCreated);
        response.Results["RecordCreated"] = true;
        response.Results["Target"] = target;

        Assert.True(response.RecordCreated);
        Assert.Same(target, response.Target);
    }
}
