using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Xrm.Sdk.Tests.Query;

public class LinkEntityTests
{
    [Fact]
    public void Constructor_FillsColumnsAndCriteria()
    {
        var link = new LinkEntity("contact", "listmember", "contactid", "entityid", JoinOperator.Inner);

        Assert.NotNull(link.Columns);
        Assert.False(link.Columns.AllColumns);
        Assert.NotNull(link.LinkCriteria);
        Assert.Empty(link.LinkEntities);
        Assert.Empty(link.Orders);
        Assert.Null(link.EntityAlias);
    }

    [Fact]
    public void AddLink_StartsFromThisLinksTarget()
    {
        var link = new LinkEntity("contact", "listmember", "contactid", "entityid", JoinOperator.Inner) { EntityAlias = "lm" };

        var nested = link.AddLink("list", "listid", "listid", JoinOperator.LeftOuter);

        Assert.Same(nested, Assert.Single(link.LinkEntities));
        Assert.Equal("listmember", nested.LinkFromEntityName);
        Assert.Equal("list", nested.LinkToEntityName);
        Assert.Equal(JoinOperator.LeftOuter, nested.JoinOperator);
        Assert.Equal(JoinOperator.Inner, link.AddLink("account", "a", "b").JoinOperator);
    }

    [Fact]
    public void LinkCriteriaAndColumns_AreUsable()
    {
        var link = new QueryExpression("contact").AddLink("listmember", "contactid", "entityid");

        link.EntityAlias = "lm";
        link.Columns.AddColumns("listid");
        link.LinkCriteria.AddCondition("listid", ConditionOperator.Equal, Guid.Empty);

        Assert.Equal(new[] { "listid" }, link.Columns.Columns);
        Assert.Single(link.LinkCriteria.Conditions);
    }

    [Fact]
    public void JoinOperator_HasRealValues()
    {
        Assert.Equal(0, (int)JoinOperator.Inner);
        Assert.Equal(1, (int)JoinOperator.LeftOuter);
        Assert.Equal(2, (int)JoinOperator.Natural);
        Assert.Equal(5, (int)JoinOperator.Exists);
        Assert.Equal(7, (int)JoinOperator.NotAny);
        Assert.Equal(9, (int)JoinOperator.NotAll);
    }
}
