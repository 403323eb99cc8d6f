using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Xrm.Sdk.Tests.Query;

public class FilterExpressionTests
{
    [Fact]
    public void DefaultConstructor_IsAndWithNothingInside()
    {
        var filter = new FilterExpression();

        Assert.Equal(LogicalOperator.And, filter.FilterOperator);
        Assert.Empty(filter.Conditions);
        Assert.Empty(filter.Filters);
        Assert.False(filter.IsQuickFindFilter);
    }

    [Fact]
    public void AddCondition_AttributeOperatorValues_AddsCondition()
    {
        var filter = new FilterExpression();

        filter.AddCondition("statecode", ConditionOperator.Equal, 0);

        var condition = Assert.Single(filter.Conditions);
        Assert.Null(condition.EntityName);
        Assert.Equal("statecode", condition.AttributeName);
        Assert.Equal(ConditionOperator.Equal, condition.Operator);
        Assert.Equal(new object[] { 0 }, condition.Values);
    }

    [Fact]
    public void AddCondition_WithoutValues_HasNoValues()
    {
        var filter = new FilterExpression();

        filter.AddCondition("emailaddress1", ConditionOperator.NotNull);

        Assert.Empty(Assert.Single(filter.Conditions).Values);
    }

    [Fact]
    public void AddCondition_SeveralValues_KeepsThemInOrder()
    {
        var filter = new FilterExpression();

        filter.AddCondition("statuscode", ConditionOperator.In, 1, 2, 3);

        Assert.Equal(new object[] { 1, 2, 3 }, Assert.Single(filter.Conditions).Values);
    }

    [Fact]
    public void AddCondition_WithEntityName_SetsIt()
    {
        var filter = new FilterExpression();

        filter.AddCondition("lm", "listid", ConditionOperator.Equal, Guid.Empty);

        var condition = Assert.Single(filter.Conditions);
        Assert.Equal("lm", condition.EntityName);
        Assert.Equal("listid", condition.AttributeName);
    }

    [Fact]
    public void AddCondition_Expression_AddsSameInstance()
    {
        var filter = new FilterExpression();
        var condition = new ConditionExpression("firstname", ConditionOperator.Like, "A%");

        filter.AddCondition(condition);

        Assert.Same(condition, Assert.Single(filter.Conditions));
    }

    [Fact]
    public void AddFilter_Operator_ReturnsNewChild()
    {
        var filter = new FilterExpression();

        var child = filter.AddFilter(LogicalOperator.Or);

        Assert.Same(child, Assert.Single(filter.Filters));
        Assert.Equal(LogicalOperator.Or, child.FilterOperator);
    }

    [Fact]
    public void AddFilter_Expression_AddsSameInstance()
    {
        var filter = new FilterExpression();
        var child = new FilterExpression(LogicalOperator.Or);

        filter.AddFilter(child);

        Assert.Same(child, Assert.Single(filter.Filters));
    }
}
