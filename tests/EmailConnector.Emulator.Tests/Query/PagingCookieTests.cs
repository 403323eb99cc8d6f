using EmailConnector.Emulator.Tests.Query.Support;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Emulator.Tests.Query;

public sealed class PagingCookieTests
{
    private readonly QueryTestData _data = new();

    public PagingCookieTests()
    {
        for (var i = 1; i <= 5; i++)
        {
            _data.Contact(i);
        }
    }

    [Fact]
    public void Cookie_UnorderedQuery_HasDataverseShape()
    {
        var query = new QueryExpression("contact") { PageInfo = new PagingInfo { Count = 2, PageNumber = 1 } };
        var cookie = _data.Run(query).PagingCookie;
        Assert.Equal(
            "<cookie page=\"1\"><contactid last=\"{00000002-0000-0000-0000-000000000002}\" first=\"{00000002-0000-0000-0000-000000000001}\" /></cookie>",
            cookie);
    }

    [Fact]
    public void Cookie_OrderedQuery_CarriesOrderValuesBeforeTheId()
    {
        var query = new QueryExpression("contact") { PageInfo = new PagingInfo { Count = 2, PageNumber = 1 } };
        query.AddOrder("fullname", OrderType.Descending);
        var cookie = _data.Run(query).PagingCookie;
        Assert.StartsWith("<cookie page=\"1\"><fullname last=\"Contact 004\" first=\"Contact 005\" /><contactid ", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public void Cookie_ForNonConsecutivePage_IsIgnored()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname"), PageInfo = new PagingInfo { Count = 2, PageNumber = 1 } };
        var cookie = _data.Run(query).PagingCookie;
        query.PageInfo.PageNumber = 3;
        query.PageInfo.PagingCookie = cookie;
        Assert.Equal(["Contact 005"], QueryTestData.Names(_data.Run(query)));
    }

    [Fact]
    public void Cookie_NotXml_Faults()
    {
        var query = new QueryExpression("contact") { PageInfo = new PagingInfo { Count = 2, PageNumber = 2, PagingCookie = "<cookie" } };
        Assert.Throws<System.ServiceModel.FaultException<Microsoft.Xrm.Sdk.OrganizationServiceFault>>(() => _data.Run(query));
    }
}
