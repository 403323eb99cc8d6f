using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Xrm.Sdk.Tests.Query;

public class ConditionExpressionTests
{
    [Fact]
    public void DefaultConstructor_HasEmptyValues()
    {
        var condition = new ConditionExpression();

        Assert.NotNull(condition.Values);
        Assert.Empty(condition.Values);
        Assert.Equal(ConditionOperator.Equal, condition.Operator);
    }

    [Fact]
    public void AttributeAndOperator_HasNoValues()
    {
        var condition = new ConditionExpression("emailaddress1", ConditionOperator.Null);

        Assert.Equal("emailaddress1", condition.AttributeName);
        Assert.Equal(ConditionOperator.Null, condition.Operator);
        Assert.Empty(condition.Values);
    }

    [Fact]
    public void SingleValue_IsOneValue()
    {
        var condition = new ConditionExpression("statecode", ConditionOperator.Equal, 0);

        Assert.Equal(new object[] { 0 }, condition.Values);
    }

    [Fact]
    public void ParamsValues_AreSpread()
    {
        var condition = new ConditionExpression("statuscode", ConditionOperator.In, 1, 2);

        Assert.Equal(new object[] { 1, 2 }, condition.Values);
    }

    [Fact]
    public void ObjectArray_IsSpread()
    {
        var condition = new ConditionExpression("lastname", ConditionOperator.In, new object[] { "a", "b" });

        Assert.Equal(new object[] { "a", "b" }, condition.Values);
    }

    [Fact]
    public void TypedCollection_IsSpreadThroughICollection()
    {
        var ids = new[] { Guid.Empty, new Guid("11111111-1111-1111-1111-111111111111") };

        var condition = new ConditionExpression("contactid", ConditionOperator.In, ids);

        Assert.Equal(new object[] { ids[0], ids[1] }, condition.Values);
    }

    [Fact]
    public void TypedCollectionPassedAsObject_IsOneValue()
    {
        var ids = new[] { 1, 2 };

        var condition = new ConditionExpression("statuscode", ConditionOperator.In, (object)ids);

        Assert.Same(ids, Assert.Single(condition.Values));
    }

    [Fact]
    public void EntityNameConstructors_SetEntityName()
    {
        Assert.Equal("lm", new ConditionExpression("lm", "listid", ConditionOperator.NotNull).EntityName);
        Assert.Equal(new object[] { 5 }, new ConditionExpression("lm", "listid", ConditionOperator.Equal, 5).Values);
        Assert.Equal(new object[] { 5, 6 }, new ConditionExpression("lm", "listid", ConditionOperator.In, 5, 6).Values);
    }
}
