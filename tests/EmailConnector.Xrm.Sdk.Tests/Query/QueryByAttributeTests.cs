using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Xrm.Sdk.Tests.Query;

public class QueryByAttributeTests
{
    [Fact]
    public void AddAttributeValue_KeepsAttributesAndValuesInStep()
    {
        var query = new QueryByAttribute("contact");

        query.AddAttributeValue("emailaddress1", "a@example.com");
        query.AddAttributeValue("statecode", 0);

        Assert.Equal(new[] { "emailaddress1", "statecode" }, query.Attributes);
        Assert.Equal(new object[] { "a@example.com", 0 }, query.Values);
    }

    [Fact]
    public void Constructor_FillsColumnSetAndPaging()
    {
        var query = new QueryByAttribute("contact");

        Assert.Equal("contact", query.EntityName);
        Assert.NotNull(query.ColumnSet);
        Assert.NotNull(query.PageInfo);
        Assert.Empty(query.Orders);
        Assert.Null(query.TopCount);
    }

    [Fact]
    public void AddOrder_AppendsOrderExpression()
    {
        var query = new QueryByAttribute("contact");

        query.AddOrder("createdon", OrderType.Ascending);

        Assert.Equal("createdon", Assert.Single(query.Orders).AttributeName);
    }
}
