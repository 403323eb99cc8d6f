using System.Globalization;
using System.Security;
using EmailConnector.Emulator.Query;
using EmailConnector.Emulator.Tests.Query.Support;
using EmailConnector.Emulator.Tests.Support;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
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

    // The emulator's own store keeps list members ordered per list, so pages resume inside that order; rows changing
    // between pages must still come back exactly once, and removed rows not at all.
    [Fact]
    public void ListMembersFetch_OnTheStorePagedWhileMembersChange_ReturnsEachMemberOnce()
    {
        var org = TestOrganization.Create();
        var service = org.CreateService();
        var list = service.StaticList("big");
        var contacts = Enumerable.Range(0, 900).Select(i => service.Contact("c" + i)).ToList();
        var members = contacts.Where((_, i) => i % 3 != 0).ToList();
        service.Execute(new AddListMembersListRequest { ListId = list, MemberIds = [.. members] });
        var ordered = members.Order(QueryRowOrder.Ids).ToList();
        var removedUnread = new HashSet<Guid>();
        var added = new List<Guid>();
        var seen = new List<Guid>();
        string? cookie = null;
        for (var page = 1; ; page++)
        {
            var result = service.RetrieveMultiple(new FetchExpression(MembersFetch(list, page, cookie, 140)));
            seen.AddRange(result.Entities.Select(e => e.Id));

            // Between pages: remove a member already read and one still to come, add a member before the resume
            // point (not returned: its place was passed) and a new contact after it (returned).
            service.Execute(new RemoveMemberListRequest { ListId = list, EntityId = seen[^1] });
            var unread = ordered.FirstOrDefault(id => QueryRowOrder.Ids.Compare(id, seen[^1]) > 0 && !removedUnread.Contains(id));
            if (unread != Guid.Empty && result.MoreRecords)
            {
                service.Execute(new RemoveMemberListRequest { ListId = list, EntityId = unread });
                removedUnread.Add(unread);
            }

            service.Execute(new AddMemberListRequest { ListId = list, EntityId = contacts[0] });
            var fresh = service.Contact("fresh" + page);
            service.Execute(new AddMemberListRequest { ListId = list, EntityId = fresh });
            added.Add(fresh);
            if (!result.MoreRecords)
            {
                break;
            }

            cookie = result.PagingCookie;
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(seen.Order(QueryRowOrder.Ids), seen);
        Assert.Equal(ordered.Except(removedUnread), seen.Intersect(ordered));
        Assert.DoesNotContain(contacts[0], seen);
        Assert.Empty(seen.Except(ordered).Except(added));
        Assert.Contains(added[0], seen);
    }

    [Fact]
    public void ListMembersFetch_OnTheStoreWithTwoLists_ReturnsOneRowPerMembershipInKeysetOrder()
    {
        var org = TestOrganization.Create();
        var service = org.CreateService();
        var a = service.StaticList("a");
        var b = service.StaticList("b");
        var contacts = Enumerable.Range(0, 400).Select(i => service.Contact("c" + i)).ToList();
        service.Execute(new AddListMembersListRequest { ListId = a, MemberIds = [.. contacts.Where((_, i) => i % 2 == 0)] });
        service.Execute(new AddListMembersListRequest { ListId = b, MemberIds = [.. contacts.Where((_, i) => i % 3 == 0)] });
        var rows = new List<(Guid Contact, Guid List)>();
        string? cookie = null;
        for (var page = 1; ; page++)
        {
            var fetch = $"""
                <fetch count="50" page="{page}"{CookieAttribute(cookie)}>
                  <entity name="contact">
                    <attribute name="contactid" />
                    <link-entity name="listmember" from="entityid" to="contactid" alias="lm">
                      <attribute name="listid" />
                      <filter><condition attribute="listid" operator="in"><value>{a}</value><value>{b}</value></condition></filter>
                    </link-entity>
                  </entity>
                </fetch>
                """;
            var result = service.RetrieveMultiple(new FetchExpression(fetch));
            rows.AddRange(result.Entities.Select(e => (e.Id, ((EntityReference)e.GetAttributeValue<AliasedValue>("lm.listid").Value).Id)));
            if (!result.MoreRecords)
            {
                break;
            }

            cookie = result.PagingCookie;
        }

        var expected = contacts.Select((id, i) => (id, i))
            .SelectMany(c => new[] { (c.id, a, c.i % 2 == 0), (c.id, b, c.i % 3 == 0) })
            .Where(m => m.Item3)
            .Select(m => (m.id, m.Item2))
            .ToHashSet();
        Assert.Equal(expected.Count, rows.Count);
        Assert.True(expected.SetEquals(rows));
        Assert.Equal(rows.Select(r => r.Contact).Order(QueryRowOrder.Ids), rows.Select(r => r.Contact));
    }

    private static string MembersFetch(Guid list, int page, string? cookie, int count) => $"""
        <fetch count="{count.ToString(CultureInfo.InvariantCulture)}" page="{page.ToString(CultureInfo.InvariantCulture)}"{CookieAttribute(cookie)}>
          <entity name="contact">
            <attribute name="lastname" />
            <link-entity name="listmember" from="entityid" to="contactid" alias="lm">
              <filter><condition attribute="listid" operator="eq" value="{list}" /></filter>
            </link-entity>
          </entity>
        </fetch>
        """;

    private static string CookieAttribute(string? cookie) =>
        cookie is null ? string.Empty : $" paging-cookie=\"{SecurityElement.Escape(cookie)}\"";
}
