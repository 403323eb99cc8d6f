using EmailConnector.Dataverse.Query;
using EmailConnector.Dataverse.Rows;
using EmailConnector.Dataverse.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Dataverse.Tests;

/// <summary>OData and FetchXML queries through the client against the emulator's HTTP front.</summary>
public sealed class DataverseClientQueryTests : IAsyncLifetime
{
    private DataverseFront _front = null!;

    private DataverseClient Client => _front.Client;

    public async Task InitializeAsync() => _front = await DataverseFront.StartAsync();

    public async Task DisposeAsync() => await _front.DisposeAsync();

    [Fact]
    public async Task QueryPagesAsync_MorePagesThanOne_FollowsNextLinkAndReturnsEveryRowOnce()
    {
        var ids = SeedContacts(23);

        var pages = await ToListAsync(Client.QueryPagesAsync(new ODataQuery("contacts").Select("lastname").WithPageSize(10)));

        Assert.Equal([10, 10, 3], pages.Select(p => p.Rows.Count));
        Assert.Equal([1, 2, 3], pages.Select(p => p.PageNumber));
        Assert.NotNull(pages[0].NextLink);
        Assert.Null(pages[2].NextLink);
        Assert.Equal(ids.Order(), pages.SelectMany(p => p.Rows).Select(r => r.GetGuid("contactid")!.Value).Order());
        Assert.All(_front.Attempts.Attempts, a => Assert.Equal(200, a.Status));
    }

    [Fact]
    public async Task QueryAsync_FilterOrderAndTop_AreApplied()
    {
        SeedContacts(5);
        _front.SeedContact("Zeta", "z@example.com");
        _front.SeedContact("Alpha", "a@example.com");

        var page = await FirstAsync(Client.QueryPagesAsync(new ODataQuery("contacts")
            .Select("lastname", "emailaddress1")
            .Where("endswith(emailaddress1," + ODataLiteral.Format("@example.com") + ")")
            .OrderByDescending("lastname")
            .Take(1)));

        Assert.Equal("Zeta", Assert.Single(page.Rows).GetString("lastname"));
        Assert.Null(page.NextLink);
    }

    [Fact]
    public async Task QueryPagesAsync_Count_IsTheFilteredTotalOnTheFirstPage()
    {
        SeedContacts(5);
        _front.SeedContact("Zeta", "z@example.com");
        _front.SeedContact("Alpha", "a@example.com");

        var page = await FirstAsync(Client.QueryPagesAsync(new ODataQuery("contacts")
            .Select("lastname")
            .Where("emailaddress1 ne null")
            .WithCount()
            .WithPageSize(1)));

        Assert.Equal(2, page.Count);
        Assert.Single(page.Rows);
        Assert.NotNull(page.NextLink);
    }

    [Fact]
    public async Task QueryAsync_LookupFilterAndExpand_ReturnTheRelatedRow()
    {
        var account = _front.Organization.CreateService().Create(new Entity("account") { ["name"] = "Contoso" });
        var contact = _front.Organization.CreateService().Create(new Entity("contact") { ["lastname"] = "Byron", ["parentcustomerid"] = new EntityReference("account", account) });
        _front.SeedContact("Other");

        var rows = await ToListAsync(Client.QueryAsync(new ODataQuery("contacts")
            .Select("lastname", "_parentcustomerid_value")
            .Where("_parentcustomerid_value eq " + ODataLiteral.Format(account))
            .Expand("parentcustomerid_account", "name")
            .WithAnnotations()));

        var row = Assert.Single(rows);
        Assert.Equal(contact, row.GetGuid("contactid"));
        Assert.Equal("Contoso", row.GetExpanded("parentcustomerid_account")!.GetString("name"));
        Assert.Equal("account", row.GetLookup("parentcustomerid")!.LogicalName);
        Assert.Equal("Contoso", row.GetLookup("parentcustomerid")!.Name);
    }

    [Fact]
    public async Task FetchPagesAsync_PagingCookie_RewritesTheFetchAndReturnsEveryRowOnce()
    {
        var ids = SeedContacts(12);
        const string fetch = """<fetch><entity name="contact"><attribute name="lastname" /><attribute name="contactid" /><order attribute="contactid" /></entity></fetch>""";

        var pages = await ToListAsync(Client.FetchPagesAsync("contacts", fetch, pageSize: 5));

        Assert.Equal([5, 5, 2], pages.Select(p => p.Rows.Count));
        Assert.True(pages[0].MoreRecords);
        Assert.NotNull(pages[0].PagingCookie);
        Assert.False(pages[2].MoreRecords);
        Assert.Equal(ids.Order(), pages.SelectMany(p => p.Rows).Select(r => r.GetGuid("contactid")!.Value).Order());
    }

    [Fact]
    public async Task FetchAsync_FetchLongerThanTheUrlLimit_TravelsInABatchOfOneAndReturnsItsRows()
    {
        var ids = SeedContacts(3);
        // 1,000 values of 40 characters: about 65,000 characters escaped, more than the 32 KB of a request line.
        var values = ids.Select(id => id.ToString("D")).Concat(Enumerable.Range(0, 997).Select(_ => Guid.NewGuid().ToString("D")));
        var fetch = $"""<fetch><entity name="contact"><attribute name="contactid" /><filter><condition attribute="contactid" operator="in">{string.Concat(values.Select(v => "<value>" + v + "</value>"))}</condition></filter></entity></fetch>""";
        Assert.InRange(Uri.EscapeDataString(fetch).Length, 32 * 1024, 64 * 1024);

        var rows = await ToListAsync(Client.FetchAsync("contacts", fetch));

        Assert.Equal(ids.Order(), rows.Select(r => r.GetGuid("contactid")!.Value).Order());
        var attempt = Assert.Single(_front.Attempts.Attempts);
        Assert.EndsWith("/$batch", attempt.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_FetchLongerThanTheBatchUrlLimit_IsNotSupported()
    {
        var fetch = $"""<fetch><entity name="contact"><attribute name="contactid" /><filter><condition attribute="lastname" operator="eq" value="{new string('x', 70_000)}" /></filter></entity></fetch>""";

        await Assert.ThrowsAsync<NotSupportedException>(() => ToListAsync(Client.FetchAsync("contacts", fetch)));
        Assert.Empty(_front.Attempts.Attempts);
    }

    [Fact]
    public async Task FetchAsync_NullColumns_AreLeftOut()
    {
        _front.SeedContact("NoEmail");

        var row = Assert.Single(await ToListAsync(Client.FetchAsync("contacts", """<fetch><entity name="contact"><attribute name="lastname" /><attribute name="emailaddress1" /></entity></fetch>""")));

        Assert.Equal("NoEmail", row.GetString("lastname"));
        Assert.False(row.Contains("emailaddress1"));
    }

    [Fact]
    public async Task FetchPagesAsync_TotalRecordCount_IsReported()
    {
        SeedContacts(7);

        var page = await FirstAsync(Client.FetchPagesAsync("contacts", """<fetch returntotalrecordcount="true"><entity name="contact"><attribute name="lastname" /></entity></fetch>""", pageSize: 3));

        Assert.Equal(7, page.TotalRecordCount);
    }

    [Fact]
    public async Task FetchAsync_LinkEntity_ReturnsAliasedColumns()
    {
        var list = _front.SeedList("Newsletter");
        var member = _front.SeedContact("Member");
        _front.SeedContact("Outsider");
        _front.Organization.Execute(new OrganizationRequest("AddMemberList") { ["ListId"] = list, ["EntityId"] = member });

        var rows = await ToListAsync(Client.FetchAsync("contacts", $"""
            <fetch><entity name="contact"><attribute name="lastname" />
              <link-entity name="listmember" from="entityid" to="contactid" alias="lm"><attribute name="listid" />
                <filter><condition attribute="listid" operator="eq" value="{list}" /></filter></link-entity>
            </entity></fetch>
            """));

        var row = Assert.Single(rows);
        Assert.Equal("Member", row.GetString("lastname"));
        Assert.Equal(list, row.GetGuid("lm.listid"));
    }

    [Fact]
    public async Task QueryPagesAsync_StopsReadingWhenTheCallerStops()
    {
        SeedContacts(30);

        await foreach (var page in Client.QueryPagesAsync(new ODataQuery("contacts").Select("lastname").WithPageSize(10)))
        {
            Assert.Equal(10, page.Rows.Count);
            break;
        }

        Assert.Single(_front.Attempts.Attempts);
    }

    private List<Guid> SeedContacts(int count) =>
        Enumerable.Range(0, count).Select(i => _front.SeedContact("Contact" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture))).ToList();

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    private static async Task<T> FirstAsync<T>(IAsyncEnumerable<T> source)
    {
        await foreach (var item in source)
        {
            return item;
        }

        throw new InvalidOperationException("The sequence is empty.");
    }
}
