using EmailConnector.Emulator.Query;
using EmailConnector.Emulator.Tests.Query.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Emulator.Tests.Query;

public sealed class QueryExpressionConverterTests
{
    [Theory]
    [InlineData(ConditionOperator.Contains, "full-text")]
    [InlineData(ConditionOperator.DoesNotContain, "full-text")]
    [InlineData(ConditionOperator.EqualUserId, "EqualUserId")]
    [InlineData(ConditionOperator.Under, "Under")]
    [InlineData(ConditionOperator.ThisFiscalYear, "ThisFiscalYear")]
    [InlineData(ConditionOperator.ContainValues, "ContainValues")]
    public void UnsupportedOperator_ThrowsNamingIt(ConditionOperator op, string feature)
    {
        var query = new QueryExpression("contact");
        query.Criteria.AddCondition("fullname", op, "x");
        var error = Assert.Throws<NotSupportedException>(() => QueryExpressionConverter.Convert(query));
        Assert.Contains(feature, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(JoinOperator.Exists)]
    [InlineData(JoinOperator.In)]
    [InlineData(JoinOperator.Any)]
    [InlineData(JoinOperator.Natural)]
    [InlineData(JoinOperator.MatchFirstRowUsingCrossApply)]
    public void UnsupportedJoin_ThrowsNamingIt(JoinOperator join)
    {
        var query = new QueryExpression("contact");
        query.AddLink("listmember", "contactid", "entityid", join);
        var error = Assert.Throws<NotSupportedException>(() => QueryExpressionConverter.Convert(query));
        Assert.Contains("JoinOperator." + join, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AggregateColumns_Throw()
    {
        var query = new QueryExpression("contact");
        query.ColumnSet.AttributeExpressions.Add(new XrmAttributeExpression("contactid", XrmAggregateType.Count, "n"));
        Assert.Throws<NotSupportedException>(() => QueryExpressionConverter.Convert(query));
    }

    [Fact]
    public void QueryByAttribute_NullValue_MatchesMissingColumn()
    {
        var data = new QueryTestData();
        data.Contact(1, ("emailaddress1", "a@b.c"));
        data.Contact(2);
        var query = new QueryByAttribute("contact") { ColumnSet = new ColumnSet("fullname") };
        query.AddAttributeValue("emailaddress1", null);
        Assert.Equal(["Contact 002"], QueryTestData.Names(data.Run(query)));
    }

    [Fact]
    public void QueryByAttribute_PagingAndOrders_AreHonoured()
    {
        var data = new QueryTestData();
        for (var i = 1; i <= 5; i++)
        {
            data.Contact(i, ("numberofchildren", 1));
        }

        var query = new QueryByAttribute("contact") { ColumnSet = new ColumnSet("fullname"), PageInfo = new PagingInfo { Count = 2, PageNumber = 1 } };
        query.AddAttributeValue("numberofchildren", 1);
        query.AddOrder("fullname", OrderType.Descending);
        var first = data.Run(query);
        query.PageInfo.PageNumber = 2;
        query.PageInfo.PagingCookie = first.PagingCookie;
        Assert.Equal(["Contact 005", "Contact 004"], QueryTestData.Names(first));
        Assert.Equal(["Contact 003", "Contact 002"], QueryTestData.Names(data.Run(query)));
    }

    [Fact]
    public void UnknownAttribute_RaisesTheStoresUnknownAttributeFault()
    {
        var data = new QueryTestData();
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("nosuchcolumn") };
        var fault = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => data.Run(query));
        Assert.Contains("nosuchcolumn", fault.Detail.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownLinkAlias_Faults()
    {
        var data = new QueryTestData();
        var query = new QueryExpression("contact");
        query.Criteria.AddCondition("nolink", "listid", ConditionOperator.Null);
        Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => data.Run(query));
    }
}
