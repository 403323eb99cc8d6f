using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Xrm.Sdk.Tests.Query;

public class QueryExpressionTests
{
    [Fact]
    public void Constructor_FillsEmptyParts()
    {
        var query = new QueryExpression("contact");

        Assert.Equal("contact", query.EntityName);
        Assert.NotNull(query.ColumnSet);
        Assert.False(query.ColumnSet.AllColumns);
        Assert.Empty(query.ColumnSet.Columns);
        Assert.NotNull(query.Criteria);
        Assert.Equal(LogicalOperator.And, query.Criteria.FilterOperator);
        Assert.Empty(query.LinkEntities);
        Assert.Empty(query.Orders);
        Assert.Null(query.TopCount);
        Assert.False(query.Distinct);
        Assert.False(query.NoLock);
    }

    [Fact]
    public void PageInfo_DefaultsToFirstPageWithoutSize()
    {
        var paging = new QueryExpression("contact").PageInfo;

        Assert.NotNull(paging);
        Assert.Equal(0, paging.PageNumber);
        Assert.Equal(0, paging.Count);
        Assert.Null(paging.PagingCookie);
        Assert.False(paging.ReturnTotalRecordCount);
    }

    [Fact]
    public void AddLink_ReturnsTheLinkFromThisEntity()
    {
        var query = new QueryExpression("contact");

        var link = query.AddLink("listmember", "contactid", "entityid");

        Assert.Same(link, Assert.Single(query.LinkEntities));
        Assert.Equal("contact", link.LinkFromEntityName);
        Assert.Equal("listmember", link.LinkToEntityName);
        Assert.Equal("contactid", link.LinkFromAttributeName);
        Assert.Equal("entityid", link.LinkToAttributeName);
        Assert.Equal(JoinOperator.Inner, link.JoinOperator);
    }

    [Fact]
    public void AddLink_WithJoinOperator_KeepsIt()
    {
        var link = new QueryExpression("contact").AddLink("account", "parentcustomerid", "accountid", JoinOperator.LeftOuter);

        Assert.Equal(JoinOperator.LeftOuter, link.JoinOperator);
    }

    [Fact]
    public void AddOrder_AppendsOrderExpression()
    {
        var query = new QueryExpression("contact");

        query.AddOrder("lastname", OrderType.Descending);

        var order = Assert.Single(query.Orders);
        Assert.Equal("lastname", order.AttributeName);
        Assert.Equal(OrderType.Descending, order.OrderType);
        Assert.Null(order.Alias);
    }

    [Fact]
    public void Accept_ReturnsWhatTheVisitorReturns()
    {
        var query = new QueryExpression("contact");
        var replacement = new QueryExpression("account");

        Assert.Same(replacement, query.Accept(new ReplacingVisitor(replacement)));
    }

    [Fact]
    public void QueryBase_CannotBeDerivedOutsideTheSdk()
    {
        var internalAbstract = typeof(QueryBase).GetMembers(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)
            .OfType<System.Reflection.MethodInfo>()
            .Where(m => m.IsAbstract && m.IsAssembly);

        Assert.NotEmpty(internalAbstract);
    }

    private sealed class ReplacingVisitor(QueryExpression replacement) : IQueryExpressionVisitor
    {
        public QueryExpression Visit(QueryExpression query) => replacement;
    }
}
