using EmailConnector.Emulator.Tests.Query.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Emulator.Tests.Query;

public sealed class JoinerTests
{
    private readonly QueryTestData _data = new();
    private readonly Guid _listA;
    private readonly Guid _listB;

    public JoinerTests()
    {
        var account = _data.Account(1, "Contoso");
        for (var i = 1; i <= 6; i++)
        {
            _data.Contact(i, ("parentcustomerid", i <= 2 ? new EntityReference("account", account) : null));
        }

        _listA = _data.List(1, "Newsletter");
        _listB = _data.List(2, "Event");
        _data.Member(1, _listA, QueryTestData.Id(2, 1));
        _data.Member(2, _listA, QueryTestData.Id(2, 3));
        _data.Member(3, _listB, QueryTestData.Id(2, 3));
        _data.Member(4, _listB, QueryTestData.Id(2, 5));
    }

    [Fact]
    public void FetchXml_LinkToListMember_ReturnsExactlyOneListsMembers()
    {
        var result = _data.Fetch($"""
            <fetch>
              <entity name="contact">
                <attribute name="fullname" />
                <link-entity name="listmember" from="entityid" to="contactid" alias="lm" link-type="inner">
                  <attribute name="listid" />
                  <filter><condition attribute="listid" operator="eq" value="{_listB}" /></filter>
                </link-entity>
              </entity>
            </fetch>
            """);
        Assert.Equal(["Contact 003", "Contact 005"], QueryTestData.Names(result));
        var aliased = Assert.IsType<AliasedValue>(result.Entities[0]["lm.listid"]);
        Assert.Equal(("listmember", "listid"), (aliased.EntityLogicalName, aliased.AttributeLogicalName));
        Assert.Equal(_listB, Assert.IsType<EntityReference>(aliased.Value).Id);
    }

    [Fact]
    public void InnerLink_WithoutCriteria_RepeatsPrimaryRowPerLinkedRow()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        query.AddLink("listmember", "contactid", "entityid");
        Assert.Equal(["Contact 001", "Contact 003", "Contact 003", "Contact 005"], QueryTestData.Names(_data.Run(query)));
    }

    [Fact]
    public void OuterLink_WithNullCondition_FindsContactsOnNoList()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        var link = query.AddLink("listmember", "contactid", "entityid", JoinOperator.LeftOuter);
        link.EntityAlias = "lm";
        query.Criteria.AddCondition("lm", "listmemberid", ConditionOperator.Null);
        Assert.Equal(["Contact 002", "Contact 004", "Contact 006"], QueryTestData.Names(_data.Run(query)));
    }

    [Fact]
    public void OuterLink_CriteriaFailing_LeavesLinkUnmatchedButKeepsRow()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        var link = query.AddLink("listmember", "contactid", "entityid", JoinOperator.LeftOuter);
        link.EntityAlias = "lm";
        link.Columns = new ColumnSet("listid");
        link.LinkCriteria.AddCondition("listid", ConditionOperator.Equal, _listA);
        var result = _data.Run(query);
        Assert.Equal(6, result.Entities.Count);
        Assert.Equal(
            [true, false, true, false, false, false],
            result.Entities.Select(e => e.Attributes.ContainsKey("lm.listid")).ToArray());
    }

    [Fact]
    public void ConditionOnLinkedColumn_InOuterFilter_UsesTheLinkAlias()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        query.AddLink("listmember", "contactid", "entityid").EntityAlias = "lm";
        query.Criteria.FilterOperator = LogicalOperator.Or;
        query.Criteria.AddCondition("lm", "listid", ConditionOperator.Equal, _listA);
        query.Criteria.AddCondition("fullname", ConditionOperator.Equal, "Contact 005");
        Assert.Equal(["Contact 001", "Contact 003", "Contact 005"], QueryTestData.Names(_data.Run(query)));
    }

    [Fact]
    public void UnaliasedLink_ColumnsUseDataverseDefaultAlias()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        var account = query.AddLink("account", "parentcustomerid", "accountid");
        account.Columns = new ColumnSet("name");
        var result = _data.Run(query);
        Assert.Equal(2, result.Entities.Count);
        Assert.Equal("Contoso", result.Entities[0].GetAttributeValue<AliasedValue>("account1.name").Value);
    }

    [Fact]
    public void NestedLinks_ContactToListMemberToList_FilterOnDeepestTable()
    {
        var result = _data.Fetch("""
            <fetch>
              <entity name="contact">
                <attribute name="fullname" />
                <link-entity name="listmember" from="entityid" to="contactid">
                  <link-entity name="list" from="listid" to="listid" alias="l">
                    <attribute name="listname" />
                    <filter><condition attribute="listname" operator="eq" value="newsletter" /></filter>
                  </link-entity>
                </link-entity>
              </entity>
            </fetch>
            """);
        Assert.Equal(["Contact 001", "Contact 003"], QueryTestData.Names(result));
        Assert.Equal("Newsletter", result.Entities[0].GetAttributeValue<AliasedValue>("l.listname").Value);
    }

    [Fact]
    public void NestedAndOr_Filters_CombineAsWritten()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        var or = query.Criteria.AddFilter(LogicalOperator.Or);
        or.AddCondition("fullname", ConditionOperator.Equal, "Contact 001");
        var and = or.AddFilter(LogicalOperator.And);
        and.AddCondition("fullname", ConditionOperator.BeginsWith, "Contact 00");
        and.AddCondition("parentcustomerid", ConditionOperator.Null);
        and.AddCondition("fullname", ConditionOperator.NotIn, "Contact 004", "Contact 006");
        Assert.Equal(["Contact 001", "Contact 003", "Contact 005"], QueryTestData.Names(_data.Run(query)));
    }
}
