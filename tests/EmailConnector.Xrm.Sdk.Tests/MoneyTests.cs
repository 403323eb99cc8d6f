using Microsoft.Xrm.Sdk;

namespace EmailConnector.Xrm.Sdk.Tests;

public class MoneyTests
{
    [Fact]
    public void Equals_ComparesValue()
    {
        Assert.Equal(new Money(1.5m), new Money(1.50m));
        Assert.NotEqual(new Money(1.5m), new Money(2m));
        Assert.Equal(0m, new Money().Value);
    }
}
