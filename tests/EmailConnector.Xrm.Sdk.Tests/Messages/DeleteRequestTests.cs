using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace EmailConnector.Xrm.Sdk.Tests.Messages;

public class DeleteRequestTests
{
    [Fact]
    public void Properties_UseRealParameterKeys()
    {
        var target = new EntityReference("contact", Guid.Empty);

        var request = new DeleteRequest { Target = target, ConcurrencyBehavior = ConcurrencyBehavior.AlwaysOverwrite };

        Assert.Equal("Delete", request.RequestName);
        Assert.Same(target, request.Parameters["Target"]);
        Assert.Equal(ConcurrencyBehavior.AlwaysOverwrite, request.Parameters["ConcurrencyBehavior"]);
    }
}
