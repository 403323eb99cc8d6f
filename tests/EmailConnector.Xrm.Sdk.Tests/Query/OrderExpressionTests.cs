using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Xrm.Sdk.Tests.Query;

public class OrderExpressionTests
{
    [Fact]
    public void Constructors_SetAttributeOrderAndAlias()
    {
        var order = new OrderExpression("createdon", OrderType.Descending, "lm");

        Assert.Equal("createdon", order.AttributeName);
        Assert.Equal(OrderType.Descending, order.OrderType);
        Assert.Equal("lm", order.Alias);
        Assert.Equal(OrderType.Ascending, new OrderExpression().OrderType);
    }
}
