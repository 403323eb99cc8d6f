using Microsoft.Crm.Sdk.Messages;

namespace EmailConnector.Xrm.Sdk.Tests.CrmSdkProxy.Messages;

public class WhoAmIRequestTests
{
    [Fact]
    public void Constructor_NamesRequestWithoutParameters()
    {
        var request = new WhoAmIRequest();

        Assert.Equal("WhoAmI", request.RequestName);
        Assert.Empty(request.Parameters);
    }
}
