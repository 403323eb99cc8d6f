using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Xrm.Sdk.Tests.Query;

public class ConditionOperatorTests
{
    // Enum values are compiled into plugins, so they must be the real ones.
    [Theory]
    [InlineData(ConditionOperator.Equal, 0)]
    [InlineData(ConditionOperator.NotEqual, 1)]
    [InlineData(ConditionOperator.Like, 6)]
    [InlineData(ConditionOperator.In, 8)]
    [InlineData(ConditionOperator.Null, 12)]
    [InlineData(ConditionOperator.NotNull, 13)]
    [InlineData(ConditionOperator.On, 25)]
    [InlineData(ConditionOperator.LastXDays, 33)]
    [InlineData(ConditionOperator.EqualUserId, 41)]
    [InlineData(ConditionOperator.Contains, 49)]
    [InlineData(ConditionOperator.BeginsWith, 54)]
    [InlineData(ConditionOperator.OlderThanXDays, 84)]
    [InlineData(ConditionOperator.ContainValues, 87)]
    [InlineData(ConditionOperator.DoesNotContainValues, 88)]
    public void Value_MatchesSdk(ConditionOperator conditionOperator, int expected)
    {
        Assert.Equal(expected, (int)conditionOperator);
    }

    [Fact]
    public void Values_AreContiguousFromZeroTo88()
    {
        var values = Enum.GetValues<ConditionOperator>().Select(v => (int)v).OrderBy(v => v);

        Assert.Equal(Enumerable.Range(0, 89), values);
    }
}
