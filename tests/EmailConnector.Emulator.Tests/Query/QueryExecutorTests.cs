using EmailConnector.Emulator.Tests.Query.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Emulator.Tests.Query;

public sealed class QueryExecutorTests
{
    private readonly QueryTestData _data = new();

    private static QueryExpression Contacts(params string[] columns) => new("contact") { ColumnSet = new ColumnSet(columns) };

    private void Seed(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            _data.Contact(i, ("numberofchildren", i % 3));
        }
    }

    [Fact]
    public void NoOrder_ReturnsPrimaryIdOrder()
    {
        _data.Contact(3);
        _data.Contact(1);
        _data.Contact(2);
        Assert.Equal(["Contact 001", "Contact 002", "Contact 003"], QueryTestData.Names(_data.Run(Contacts("fullname"))));
    }

    [Fact]
    public void Orders_DescendingThenAscending_SortAsRequested()
    {
        Seed(6);
        var query = Contacts("fullname");
        query.AddOrder("numberofchildren", OrderType.Descending);
        query.AddOrder("fullname", OrderType.Ascending);
        Assert.Equal(
            ["Contact 002", "Contact 005", "Contact 001", "Contact 004", "Contact 003", "Contact 006"],
            QueryTestData.Names(_data.Run(query)));
    }

    [Fact]
    public void Order_OnLinkedColumn_SortsByTheLinkedValue()
    {
        var a = _data.Account(1, "Zeta");
        var b = _data.Account(2, "Alpha");
        _data.Contact(1, ("parentcustomerid", new EntityReference("account", a)));
        _data.Contact(2, ("parentcustomerid", new EntityReference("account", b)));
        var result = _data.Fetch("""
            <fetch><entity name="contact"><attribute name="fullname" />
              <link-entity name="account" from="accountid" to="parentcustomerid" alias="a">
                <order attribute="name" />
              </link-entity>
            </entity></fetch>
            """);
        Assert.Equal(["Contact 002", "Contact 001"], QueryTestData.Names(result));
    }

    [Fact]
    public void Top_LimitsRowsWithoutMoreRecords()
    {
        Seed(10);
        var query = Contacts("fullname");
        query.TopCount = 3;
        var result = _data.Run(query);
        Assert.Equal(["Contact 001", "Contact 002", "Contact 003"], QueryTestData.Names(result));
        Assert.False(result.MoreRecords);
    }

    [Fact]
    public void Top_WithPaging_Faults()
    {
        Seed(2);
        var query = Contacts("fullname");
        query.TopCount = 1;
        query.PageInfo = new PagingInfo { Count = 1, PageNumber = 2 };
        Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => _data.Run(query));
    }

    [Fact]
    public void Distinct_DuplicateProjections_ReturnedOnce()
    {
        Seed(6);
        var query = Contacts("numberofchildren");
        query.Distinct = true;
        query.AddOrder("numberofchildren", OrderType.Ascending);
        var result = _data.Run(query);
        Assert.Equal([0, 1, 2], result.Entities.Select(e => e.GetAttributeValue<int>("numberofchildren")).ToArray());
    }

    [Fact]
    public void TotalRecordCount_BelowLimit_IsExact()
    {
        Seed(12);
        var query = Contacts("fullname");
        query.PageInfo = new PagingInfo { Count = 5, PageNumber = 1, ReturnTotalRecordCount = true };
        var result = _data.Run(query);
        Assert.Equal((5, 12, false, true), (result.Entities.Count, result.TotalRecordCount, result.TotalRecordCountLimitExceeded, result.MoreRecords));
    }

    [Fact]
    public void TotalRecordCount_NotRequested_IsMinusOne()
    {
        Seed(2);
        Assert.Equal(-1, _data.Run(Contacts("fullname")).TotalRecordCount);
    }

    [Fact]
    public void TotalRecordCount_AboveLimit_IsCappedAndFlagged()
    {
        Seed(5003);
        var query = Contacts("fullname");
        query.PageInfo = new PagingInfo { Count = 10, PageNumber = 1, ReturnTotalRecordCount = true };
        var result = _data.Run(query);
        Assert.Equal((5000, true), (result.TotalRecordCount, result.TotalRecordCountLimitExceeded));
    }

    [Fact]
    public void DefaultPage_IsFiveThousandRows()
    {
        Seed(5003);
        var result = _data.Run(Contacts("fullname"));
        Assert.Equal((5000, true), (result.Entities.Count, result.MoreRecords));
    }

    [Fact]
    public void PageNumberOutOfRange_ReturnsEmptyPage()
    {
        Seed(7);
        var query = Contacts("fullname");
        query.PageInfo = new PagingInfo { Count = 5, PageNumber = 9 };
        var result = _data.Run(query);
        Assert.Empty(result.Entities);
        Assert.False(result.MoreRecords);
    }

    [Fact]
    public void PageNumberWithoutCookie_PagesByPosition()
    {
        Seed(7);
        var query = Contacts("fullname");
        query.PageInfo = new PagingInfo { Count = 5, PageNumber = 2 };
        Assert.Equal(["Contact 006", "Contact 007"], QueryTestData.Names(_data.Run(query)));
    }

    [Fact]
    public void Paging_25000RowsInPagesOf5000WhileRowsChange_ReturnsEveryOriginalRowOnce()
    {
        var original = new HashSet<Guid>();
        for (var i = 1; i <= 25000; i++)
        {
            original.Add(_data.Contact(i, ("numberofchildren", 0)));
        }

        var query = Contacts("fullname", "numberofchildren");
        query.PageInfo = new PagingInfo { Count = 5000, PageNumber = 1 };
        var seen = new List<Guid>();
        var extra = 30000;
        while (true)
        {
            var page = _data.Run(query);
            seen.AddRange(page.Entities.Select(e => e.Id));

            // Between pages: update rows already read and rows still to come, delete read rows (which would shift
            // page-number paging), insert higher ids.
            foreach (var entity in page.Entities.Take(10))
            {
                _data.Contacts.Update(entity.Id, ("numberofchildren", 1));
            }

            foreach (var entity in page.Entities.Skip(10).Take(5))
            {
                _data.Contacts.Remove(entity.Id);
            }

            _data.Contacts.Update(QueryTestData.Id(2, Math.Min(25000, seen.Count + 7)), ("fullname", "renamed"));
            _data.Contact(++extra);
            if (!page.MoreRecords)
            {
                break;
            }

            query.PageInfo.PageNumber++;
            query.PageInfo.PagingCookie = page.PagingCookie;
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.True(original.IsSubsetOf(seen));
    }

    [Fact]
    public void Paging_OrderedQueryWithCookie_ResumesAfterLastKey()
    {
        Seed(9);
        var query = Contacts("fullname");
        query.AddOrder("numberofchildren", OrderType.Ascending);
        query.PageInfo = new PagingInfo { Count = 4, PageNumber = 1 };
        var names = new List<string>();
        EntityCollection page;
        do
        {
            page = _data.Run(query);
            names.AddRange(QueryTestData.Names(page));

            // Rows on page one move to the front of the order after being read; they must not come back.
            _data.Contacts.Update(QueryTestData.Id(2, 3), ("numberofchildren", 0));
            query.PageInfo.PageNumber++;
            query.PageInfo.PagingCookie = page.PagingCookie;
        }
        while (page.MoreRecords);

        Assert.Equal(9, names.Distinct().Count());
        Assert.Equal(9, names.Count);
    }

    [Fact]
    public void PagingCookie_OneToManyLinkSplitAcrossPages_ContinuesInsideThePrimaryRow()
    {
        var contact = _data.Contact(1);
        var list = _data.List(1, "L");
        for (var i = 1; i <= 5; i++)
        {
            _data.Member(i, _data.List(10 + i, "L" + i), contact);
        }

        _ = list;
        var query = Contacts("fullname");
        query.AddLink("listmember", "contactid", "entityid").Columns = new ColumnSet("listid");
        query.PageInfo = new PagingInfo { Count = 2, PageNumber = 1 };
        var lists = new List<Guid>();
        EntityCollection page;
        do
        {
            page = _data.Run(query);
            lists.AddRange(page.Entities.Select(e => ((EntityReference)e.GetAttributeValue<AliasedValue>("listmember1.listid").Value).Id));
            query.PageInfo.PageNumber++;
            query.PageInfo.PagingCookie = page.PagingCookie;
        }
        while (page.MoreRecords);

        Assert.Equal(5, lists.Distinct().Count());
        Assert.Equal(5, lists.Count);
    }
}
