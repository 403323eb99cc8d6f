using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace EmailConnector.Xrm.Sdk.Tests.Messages;

public class UpdateRequestTests
{
    [Fact]
    public void Properties_UseRealParameterKeys()
    {
        var target = new Entity("contact");

        var request = new UpdateRequest { Target = target, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches };

        Assert.Equal("Update", request.RequestName);
        Assert.Same(target, request.Parameters["Target"]);
        Assert.Equal(ConcurrencyBehavior.IfRowVersionMatches, request.Parameters["ConcurrencyBehavior"]);
    }

    [Fact]
    public void ConcurrencyBehavior_Unset_IsDefault()
    {
        var request = new UpdateRequest();

        Assert.Equal(ConcurrencyBehavior.Default, request.ConcurrencyBehavior);
        Assert.False(request.Parameters.Contains("ConcurrencyBehavior"));
    }

    [Fact]
    public void ConcurrencyBehavior_HasRealValues()
    {
        Assert.Equal(0, (int)ConcurrencyBehavior.Default);
        Assert.Equal(1, (int)ConcurrencyBehavior.IfRowVersionMatches);
        Assert.Equal(2, (int)ConcurrencyBehavior.AlwaysOverwrite);
    }
}
