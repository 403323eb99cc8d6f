using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using EmailConnector.Emulator.WebApi.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.WebApi.Tests.Routing;

/// <summary>OData query options and FetchXML over HTTP (dataverse.md §3.4–3.6).</summary>
public sealed class WebApiDispatcherQueriesTests : IAsyncLifetime
{
    private WebApiHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await WebApiHost.StartAsync();
        var service = _host.Organization.CreateService();
        var contoso = service.Create(new Entity("account") { ["name"] = "Contoso" });
        Seed(service, "Ada", "Lovelace", "ada@example.com", contoso, donotemail: false);
        Seed(service, "Grace", "Hopper", "grace@navy.mil", null, donotemail: true);
        Seed(service, "Alan", "Turing", null, contoso, donotemail: false);
        Seed(service, "Edsger", "O'Dijkstra", "ed@example.com", null, donotemail: false);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static void Seed(IOrganizationService service, string first, string last, string? email, Guid? account, bool donotemail)
    {
        var contact = new Entity("contact") { ["firstname"] = first, ["lastname"] = last, ["donotemail"] = donotemail };
        if (email is not null)
            contact["emailaddress1"] = email;
        if (account is { } id)
            contact["parentcustomerid"] = new EntityReference("account", id);
        service.Create(contact);
    }

    private async Task<List<string>> LastNames(string query)
    {
        var body = await _host.GetJsonAsync("contacts?" + query);
        return body.GetProperty("value").EnumerateArray().Select(v => v.GetProperty("lastname").GetString()!).ToList();
    }

    [Theory]
    [InlineData("$filter=lastname eq 'Hopper'", "Hopper")]
    [InlineData("$filter=lastname ne 'Hopper'", "Lovelace,O'Dijkstra,Turing")]
    [InlineData("$filter=contains(emailaddress1,'example')", "Lovelace,O'Dijkstra")]
    [InlineData("$filter=startswith(firstname,'A')", "Lovelace,Turing")]
    [InlineData("$filter=endswith(emailaddress1,'.mil')", "Hopper")]
    [InlineData("$filter=emailaddress1 eq null", "Turing")]
    [InlineData("$filter=emailaddress1 ne null and donotemail eq false", "Lovelace,O'Dijkstra")]
    [InlineData("$filter=not (startswith(firstname,'A') or donotemail eq true)", "O'Dijkstra")]
    [InlineData("$filter=(firstname eq 'Ada' or firstname eq 'Grace') and not contains(lastname,'Hop')", "Lovelace")]
    [InlineData("$filter=lastname eq 'O''Dijkstra'", "O'Dijkstra")]
    [InlineData("$filter=Microsoft.Dynamics.CRM.In(PropertyName='firstname',PropertyValues=['Ada','Alan'])", "Lovelace,Turing")]
    [InlineData("$filter=statecode eq 0 and createdon ge 2026-03-15T00:00:00Z", "Hopper,Lovelace,O'Dijkstra,Turing")]
    [InlineData("$filter=createdon lt 2026-03-15", "")]
    public async Task Filter_Expression_SelectsTheRows(string query, string expected)
    {
        var names = await LastNames(query + "&$select=lastname");

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), names.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Filter_LookupValueByGuid_SelectsChildren()
    {
        var contoso = _host.Organization.Rows("account").Single().Id;

        var names = await LastNames($"$select=lastname&$filter=_parentcustomerid_value eq {contoso}&$orderby=lastname");

        Assert.Equal(["Lovelace", "Turing"], names);
    }

    [Fact]
    public async Task OrderByAndTop_SortsDescendingAndCuts_WithoutNextLink()
    {
        var body = await _host.GetJsonAsync("contacts?$select=lastname&$orderby=lastname desc&$top=2", ("Prefer", "odata.maxpagesize=1"));

        Assert.Equal(["Turing", "O'Dijkstra"], body.GetProperty("value").EnumerateArray().Select(v => v.GetProperty("lastname").GetString()));
        Assert.False(body.TryGetProperty("@odata.nextLink", out _));
    }

    [Fact]
    public async Task Count_True_AddsODataCount()
    {
        var body = await _host.GetJsonAsync("contacts?$select=lastname&$count=true&$filter=donotemail eq false", ("Prefer", "odata.maxpagesize=1"));

        Assert.Equal(3, body.GetProperty("@odata.count").GetInt32());
        Assert.Single(body.GetProperty("value").EnumerateArray());
    }

    [Fact]
    public async Task CountSegment_ReturnsPlainNumber()
    {
        var response = await _host.SendAsync(HttpMethod.Get, "contacts/$count?$filter=donotemail eq true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Expand_SingleValuedWithSelect_NestsTheRelatedRecordOrNull()
    {
        var body = await _host.GetJsonAsync("contacts?$select=lastname&$expand=parentcustomerid_account($select=name)&$orderby=lastname");

        Assert.Equal($"{_host.Root}$metadata#contacts(lastname,parentcustomerid_account(name))", body.GetProperty("@odata.context").GetString());
        var rows = body.GetProperty("value").EnumerateArray().ToList();
        var lovelace = rows.Single(r => r.GetProperty("lastname").GetString() == "Lovelace").GetProperty("parentcustomerid_account");
        Assert.Equal("Contoso", lovelace.GetProperty("name").GetString());
        Assert.True(lovelace.TryGetProperty("accountid", out _));
        Assert.True(lovelace.TryGetProperty("@odata.etag", out _));
        Assert.Equal(JsonValueKind.Null, rows.Single(r => r.GetProperty("lastname").GetString() == "Hopper").GetProperty("parentcustomerid_account").ValueKind);
    }

    [Fact]
    public async Task Expand_OnSingleRecord_Works()
    {
        var id = _host.Organization.Rows("contact").Single(c => (string)c["lastname"] == "Turing").Id;

        var body = await _host.GetJsonAsync($"contacts({id})?$select=lastname&$expand=parentcustomerid_account($select=name)");

        Assert.Equal("Contoso", body.GetProperty("parentcustomerid_account").GetProperty("name").GetString());
        Assert.EndsWith("/$entity", body.GetProperty("@odata.context").GetString());
    }

    [Fact]
    public async Task NoSelect_ReturnsEveryColumnWithNulls()
    {
        var body = await _host.GetJsonAsync("contacts?$filter=lastname eq 'Turing'");

        var row = body.GetProperty("value")[0];
        Assert.Equal(JsonValueKind.Null, row.GetProperty("emailaddress1").ValueKind);
        Assert.True(row.TryGetProperty("_ownerid_value", out _));
        Assert.True(row.TryGetProperty("versionnumber", out _));
        Assert.False(row.TryGetProperty("ownerid", out _));
    }

    [Fact]
    public async Task FetchXml_PagingCookieAndMoreRecords_PageThroughAllRowsAndOmitNulls()
    {
        var seen = new List<string>();
        string? cookie = null;
        var page = 1;
        while (true)
        {
            var fetch = new XElement("fetch", new XAttribute("count", "3"), new XAttribute("page", page), new XAttribute("returntotalrecordcount", "true"),
                cookie is null ? null : new XAttribute("paging-cookie", cookie),
                new XElement("entity", new XAttribute("name", "contact"),
                    new XElement("attribute", new XAttribute("name", "lastname")),
                    new XElement("attribute", new XAttribute("name", "emailaddress1")),
                    new XElement("attribute", new XAttribute("name", "parentcustomerid")),
                    new XElement("order", new XAttribute("attribute", "lastname"))));
            var body = await _host.GetJsonAsync("contacts?fetchXml=" + Uri.EscapeDataString(fetch.ToString(SaveOptions.DisableFormatting)),
                ("Prefer", "odata.include-annotations=\"Microsoft.Dynamics.CRM.fetchxmlpagingcookie\""));
            Assert.Equal(4, body.GetProperty("@Microsoft.Dynamics.CRM.totalrecordcount").GetInt32());
            foreach (var row in body.GetProperty("value").EnumerateArray())
            {
                seen.Add(row.GetProperty("lastname").GetString()!);
                if (row.GetProperty("lastname").GetString() == "Turing")
                {
                    Assert.False(row.TryGetProperty("emailaddress1", out _));
                    Assert.True(row.TryGetProperty("_parentcustomerid_value", out _));
                }
            }
            if (!body.GetProperty("@Microsoft.Dynamics.CRM.morerecords").GetBoolean())
                break;
            var annotation = XElement.Parse(body.GetProperty("@Microsoft.Dynamics.CRM.fetchxmlpagingcookie").GetString()!);
            page = int.Parse(annotation.Attribute("pagenumber")!.Value, System.Globalization.CultureInfo.InvariantCulture);
            cookie = Uri.UnescapeDataString(Uri.UnescapeDataString(annotation.Attribute("pagingcookie")!.Value));
            Assert.StartsWith("<cookie page=", cookie);
        }
        Assert.Equal(["Hopper", "Lovelace", "O'Dijkstra", "Turing"], seen);
    }

    [Fact]
    public async Task FetchXml_LinkEntityColumns_ComeBackAsAliasDotColumn()
    {
        var fetch = """<fetch><entity name="contact"><attribute name="lastname" /><filter><condition attribute="lastname" operator="eq" value="Lovelace" /></filter><link-entity name="account" from="accountid" to="parentcustomerid" alias="acc"><attribute name="name" /></link-entity></entity></fetch>""";

        var body = await _host.GetJsonAsync("contacts?fetchXml=" + Uri.EscapeDataString(fetch));

        Assert.Equal("Contoso", body.GetProperty("value")[0].GetProperty("acc.name").GetString());
    }

    [Fact]
    public async Task FetchXml_EntityOfAnotherSet_Is400()
    {
        var response = await _host.SendAsync(HttpMethod.Get, "contacts?fetchXml=" + Uri.EscapeDataString("<fetch><entity name=\"account\" /></fetch>"));

        await WebApiHost.ErrorAsync(response, 400);
    }

    [Fact]
    public async Task MultiPartAlternateKey_AddressesTheRecord()
    {
        var account = _host.Organization.CreateService().Create(new Entity("ec_platformaccount") { ["ec_name"] = "Mailchimp" });
        var state = _host.Organization.CreateService().Create(new Entity("ec_syncstate")
        {
            ["ec_platformaccountid"] = new EntityReference("ec_platformaccount", account), ["ec_feed"] = new OptionSetValue(FirstFeedOption()),
        });

        var body = await _host.GetJsonAsync($"ec_syncstates(_ec_platformaccountid_value={account},ec_feed={FirstFeedOption()})?$select=ec_feed");

        Assert.Equal(state.ToString(), body.GetProperty("ec_syncstateid").GetString());
    }

    private int FirstFeedOption() => _host.Organization.Catalog.FindTable("ec_syncstate")!.FindColumn("ec_feed")!.Options!.Keys.Min();
}
