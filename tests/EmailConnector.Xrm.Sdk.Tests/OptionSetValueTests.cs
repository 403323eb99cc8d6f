using Microsoft.Xrm.Sdk;

namespace EmailConnector.Xrm.Sdk.Tests;

public class OptionSetValueTests
{
    [Fact]
    public void Equals_ComparesValue()
    {
        Assert.Equal(new OptionSetValue(1), new OptionSetValue(1));
        Assert.Equal(new OptionSetValue(1).GetHashCode(), new OptionSetValue(1).GetHashCode());
        Assert.NotEqual(new OptionSetValue(1), new OptionSetValue(2));
        Assert.False(new OptionSetValue(1).Equals(1));
    }
}
