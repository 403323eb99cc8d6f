using EmailConnector.Emulator.Tests.Query.Support;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Emulator.Tests.Query;

public sealed class QueryPlannerTests
{
    private readonly QueryTestData _data = new();
    private readonly Guid _list;

    public QueryPlannerTests()
    {
        _list = _data.List(1, "Newsletter");
        var other = _data.List(2, "Other");
        for (var i = 1; i <= 200; i++)
        {
            var contact = _data.Contact(i, ("externalkey", "K" + i));
            _data.Member(i, i % 4 == 0 ? _list : other, contact);
        }
    }

    [Fact]
    public void ListMembersFetch_DrivesFromListIdIndex_WithoutScanningContacts()
    {
        var result = _data.Fetch($"""
            <fetch count="20">
              <entity name="contact">
                <attribute name="fullname" />
                <link-entity name="listmember" from="entityid" to="contactid" alias="lm">
                  <filter><condition attribute="listid" operator="eq" value="{_list}" /></filter>
                </link-entity>
              </entity>
            </fetch>
            """);
        Assert.Equal(20, result.Entities.Count);
        Assert.All(result.Entities, e => Assert.Equal(0, int.Parse(e.GetAttributeValue<string>("fullname")[^3..]) % 4));
        Assert.Equal(0, _data.Contacts.ScanCount);
        Assert.Equal(0, _data.Members.ScanCount);
    }

    [Fact]
    public void ListMembersFetch_SecondPageWithCookie_StillAvoidsScans()
    {
        var fetch = $$"""
            <fetch count="30" page="{0}" {1}>
              <entity name="contact">
                <attribute name="fullname" />
                <link-entity name="listmember" from="entityid" to="contactid">
                  <filter><condition attribute="listid" operator="eq" value="{{_list}}" /></filter>
                </link-entity>
              </entity>
            </fetch>
            """;
        var first = _data.Fetch(string.Format(System.Globalization.CultureInfo.InvariantCulture, fetch, 1, string.Empty));
        var cookie = System.Security.SecurityElement.Escape(first.PagingCookie);
        var second = _data.Fetch(string.Format(System.Globalization.CultureInfo.InvariantCulture, fetch, 2, $"paging-cookie=\"{cookie}\""));
        Assert.Equal(30, first.Entities.Count);
        Assert.Equal(20, second.Entities.Count);
        Assert.Empty(first.Entities.Select(e => e.Id).Intersect(second.Entities.Select(e => e.Id)));
        Assert.Equal(0, _data.Contacts.ScanCount);
    }

    [Fact]
    public void EqualityOnAlternateKeyColumn_SeeksInsteadOfScanning()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        query.Criteria.AddCondition("externalkey", ConditionOperator.Equal, "k17");
        Assert.Equal(["Contact 017"], QueryTestData.Names(_data.Run(query)));
        Assert.Equal(0, _data.Contacts.ScanCount);
    }

    [Fact]
    public void EqualityOnPrimaryId_FindsWithoutScanning()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        query.Criteria.AddCondition("contactid", ConditionOperator.In, QueryTestData.Id(2, 5), QueryTestData.Id(2, 3));
        Assert.Equal(["Contact 003", "Contact 005"], QueryTestData.Names(_data.Run(query)));
        Assert.Equal(0, _data.Contacts.ScanCount);
    }

    [Fact]
    public void ConditionInsideOrFilter_IsNotUsedForSeek_AndResultStaysComplete()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        query.Criteria.FilterOperator = LogicalOperator.Or;
        query.Criteria.AddCondition("externalkey", ConditionOperator.Equal, "K1");
        query.Criteria.AddCondition("externalkey", ConditionOperator.Equal, "K2");
        Assert.Equal(["Contact 001", "Contact 002"], QueryTestData.Names(_data.Run(query)));
    }
}
