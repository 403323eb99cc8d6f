using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Xrm.Sdk.Tests.CrmSdkProxy.Messages;

public class SetStateRequestTests
{
    [Fact]
    public void Properties_UseRealParameterKeys()
    {
        var moniker = new EntityReference("list", Guid.Empty);

        var request = new SetStateRequest { EntityMoniker = moniker, State = new OptionSetValue(1), Status = new OptionSetValue(2) };

        Assert.Equal("SetState", request.RequestName);
        Assert.Same(moniker, request.Parameters["EntityMoniker"]);
        Assert.Equal(new OptionSetValue(1), request.Parameters["State"]);
        Assert.Equal(new OptionSetValue(2), request.Parameters["Status"]);
    }

    [Fact]
    public void Type_LivesInCrmSdkProxyAssembly()
    {
        Assert.Equal("Microsoft.Crm.Sdk.Proxy", typeof(SetStateRequest).Assembly.GetName().Name);
    }
}
