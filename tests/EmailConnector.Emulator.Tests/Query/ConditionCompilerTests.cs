using EmailConnector.Emulator.Tests.Query.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Emulator.Tests.Query;

public sealed class ConditionCompilerTests
{
    private readonly QueryTestData _data = new();

    public ConditionCompilerTests()
    {
        var now = QueryTestData.Now.UtcDateTime;
        _data.Contact(1, ("emailaddress1", "Anna@Example.com"), ("numberofchildren", 0), ("birthdate", now.AddHours(-2)));
        _data.Contact(2, ("emailaddress1", "bob@example.org"), ("numberofchildren", 2), ("birthdate", now.AddDays(-1)));
        _data.Contact(3, ("emailaddress1", "carl_x@test.com"), ("numberofchildren", 5), ("birthdate", now.AddDays(-10)));
        _data.Contact(4, ("birthdate", now.AddDays(1)));
        _data.Contact(5, ("birthdate", now.AddDays(3)));
    }

    private List<int> Numbers(string attribute, ConditionOperator op, params object[] values) =>
        _data.NamesWhere(new ConditionExpression(attribute, op, values)).Select(n => int.Parse(n[^3..])).ToList();

    [Fact]
    public void Equal_StringDiffersInCase_Matches() =>
        Assert.Equal([1], Numbers("emailaddress1", ConditionOperator.Equal, "anna@example.COM"));

    [Fact]
    public void NotEqual_NullColumn_DoesNotMatch() =>
        Assert.Equal([2, 3], Numbers("emailaddress1", ConditionOperator.NotEqual, "anna@example.com"));

    [Fact]
    public void ComparisonOperators_Integers_CompareNumerically()
    {
        Assert.Equal([3], Numbers("numberofchildren", ConditionOperator.GreaterThan, 2));
        Assert.Equal([2, 3], Numbers("numberofchildren", ConditionOperator.GreaterEqual, 2));
        Assert.Equal([1], Numbers("numberofchildren", ConditionOperator.LessThan, 2));
        Assert.Equal([1, 2], Numbers("numberofchildren", ConditionOperator.LessEqual, 2));
    }

    [Fact]
    public void Like_PercentAndUnderscore_MatchAsSqlWildcards()
    {
        Assert.Equal([1, 2], Numbers("emailaddress1", ConditionOperator.Like, "%@example.%"));
        Assert.Equal([2], Numbers("emailaddress1", ConditionOperator.Like, "_ob@%"));
        Assert.Equal([3], Numbers("emailaddress1", ConditionOperator.NotLike, "%example%"));
        Assert.Equal([3], Numbers("emailaddress1", ConditionOperator.Like, "carl[_]x%"));
    }

    [Fact]
    public void BeginsAndEndsWith_IgnoreCase()
    {
        Assert.Equal([1], Numbers("emailaddress1", ConditionOperator.BeginsWith, "ANNA"));
        Assert.Equal([2, 3], Numbers("emailaddress1", ConditionOperator.DoesNotBeginWith, "anna"));
        Assert.Equal([1, 3], Numbers("emailaddress1", ConditionOperator.EndsWith, ".COM"));
        Assert.Equal([2], Numbers("emailaddress1", ConditionOperator.DoesNotEndWith, ".com"));
    }

    [Fact]
    public void InAndNotIn_SetMembership_NullsExcluded()
    {
        Assert.Equal([1, 3], Numbers("numberofchildren", ConditionOperator.In, 0, 5, 9));
        Assert.Equal([2], Numbers("numberofchildren", ConditionOperator.NotIn, 0, 5));
    }

    [Fact]
    public void In_ArrayValue_IsFlattened() =>
        Assert.Equal([1, 3], _data.NamesWhere(new ConditionExpression("numberofchildren", ConditionOperator.In, new[] { 0, 5 }))
            .Select(n => int.Parse(n[^3..])).ToList());

    [Fact]
    public void BetweenAndNotBetween_AreInclusive()
    {
        Assert.Equal([2, 3], Numbers("numberofchildren", ConditionOperator.Between, 2, 5));
        Assert.Equal([1], Numbers("numberofchildren", ConditionOperator.NotBetween, 2, 5));
    }

    [Fact]
    public void NullAndNotNull_TestPresence()
    {
        Assert.Equal([4, 5], Numbers("emailaddress1", ConditionOperator.Null));
        Assert.Equal([1, 2, 3], Numbers("emailaddress1", ConditionOperator.NotNull));
    }

    [Fact]
    public void DateOperators_OnAndRelativeDays_UseTheInjectedClock()
    {
        var today = QueryTestData.Now.UtcDateTime.Date;
        Assert.Equal([1], Numbers("birthdate", ConditionOperator.On, today));
        Assert.Equal([2, 3, 4, 5], Numbers("birthdate", ConditionOperator.NotOn, today));
        Assert.Equal([1, 4, 5], Numbers("birthdate", ConditionOperator.OnOrAfter, today));
        Assert.Equal([1, 2, 3], Numbers("birthdate", ConditionOperator.OnOrBefore, today));
        Assert.Equal([1], Numbers("birthdate", ConditionOperator.Today));
        Assert.Equal([2], Numbers("birthdate", ConditionOperator.Yesterday));
        Assert.Equal([4], Numbers("birthdate", ConditionOperator.Tomorrow));
        Assert.Equal([1, 2], Numbers("birthdate", ConditionOperator.LastXDays, 2));
        Assert.Equal([4, 5], Numbers("birthdate", ConditionOperator.NextXDays, 3));
        Assert.Equal([4], Numbers("birthdate", ConditionOperator.NextXDays, 1));
        Assert.Equal([1], Numbers("birthdate", ConditionOperator.LastXHours, 3));
        Assert.Equal([4], Numbers("birthdate", ConditionOperator.NextXHours, 24));
        Assert.Equal([3], Numbers("birthdate", ConditionOperator.OlderThanXDays, 2));
        Assert.Equal([1, 2], Numbers("birthdate", ConditionOperator.Last7Days));
        Assert.Equal([1, 2, 3, 4, 5], Numbers("birthdate", ConditionOperator.ThisMonth));
    }

    [Fact]
    public void DateOperator_OnStringColumn_Faults() =>
        Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(
            () => Numbers("emailaddress1", ConditionOperator.Today));

    [Fact]
    public void Like_OnIntegerColumn_Faults() =>
        Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(
            () => Numbers("numberofchildren", ConditionOperator.Like, "1%"));

    [Fact]
    public void LikePattern_CharacterClassNegated_Excludes()
    {
        var regex = EmailConnector.Emulator.Query.ConditionCompiler.LikePattern("b[^a]b");
        Assert.Matches(regex, "BOB");
        Assert.DoesNotMatch(regex, "bab");
    }
}
