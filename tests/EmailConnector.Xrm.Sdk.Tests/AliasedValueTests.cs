using Microsoft.Xrm.Sdk;

namespace EmailConnector.Xrm.Sdk.Tests;

public class AliasedValueTests
{
    [Fact]
    public void Constructor_SetsReadOnlyProperties()
    {
        var value = new AliasedValue("list", "listname", "Newsletter");

        Assert.Equal("list", value.EntityLogicalName);
        Assert.Equal("listname", value.AttributeLogicalName);
        Assert.Equal("Newsletter", value.Value);
        Assert.Null(typeof(AliasedValue).GetProperty(nameof(AliasedValue.Value))!.GetSetMethod());
    }
}
