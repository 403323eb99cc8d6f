using System.Text.Json;
using EmailConnector.Emulator.WebApi.Tests.Support;

namespace EmailConnector.Emulator.WebApi.Tests.Json;

/// <summary>The documented response shapes (dataverse.md §3.3): entity, collection with nextLink, annotations.</summary>
public sealed class EntityWriterTests : IAsyncLifetime
{
    private WebApiHost _host = null!;

    public async Task InitializeAsync() => _host = await WebApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Entity_WithSelect_HasContextETagLookupValueAndNullsWithoutAnnotations()
    {
        var account = await _host.CreateAsync("accounts", """{"name":"Contoso"}""");
        var contact = await _host.CreateAsync("contacts",
            $$"""{"firstname":"Ada","lastname":"Lovelace","parentcustomerid_account@odata.bind":"/accounts({{account}})"}""");

        var body = await _host.GetJsonAsync($"contacts({contact})?$select=fullname,emailaddress1,_parentcustomerid_value,statecode");

        Assert.Equal($"{_host.Root}$metadata#contacts(fullname,emailaddress1,_parentcustomerid_value,statecode)/$entity", body.GetProperty("@odata.context").GetString());
        Assert.Matches("^W/\"\\d+\"$", body.GetProperty("@odata.etag").GetString()!);
        Assert.Equal("Ada Lovelace", body.GetProperty("fullname").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("emailaddress1").ValueKind);
        Assert.Equal(account.ToString(), body.GetProperty("_parentcustomerid_value").GetString());
        Assert.Equal(0, body.GetProperty("statecode").GetInt32());
        Assert.Equal(contact.ToString(), body.GetProperty("contactid").GetString());
        Assert.DoesNotContain(body.EnumerateObject(), p => p.Name.Contains("@OData.Community", StringComparison.Ordinal) || p.Name.Contains("@Microsoft", StringComparison.Ordinal));
        Assert.False(body.TryGetProperty("parentcustomerid", out _));
    }

    [Fact]
    public async Task Entity_WithAllAnnotations_HasFormattedValuesAndLookupAnnotations()
    {
        var account = await _host.CreateAsync("accounts", """{"name":"Contoso"}""");
        var contact = await _host.CreateAsync("contacts",
            $$"""{"lastname":"Lovelace","donotemail":true,"preferredcontactmethodcode":2,"parentcustomerid_account@odata.bind":"/accounts({{account}})"}""");

        var body = await _host.GetJsonAsync($"contacts({contact})?$select=_parentcustomerid_value,statecode,donotemail,preferredcontactmethodcode",
            ("Prefer", "odata.include-annotations=\"*\""));

        Assert.Equal("Contoso", body.GetProperty("_parentcustomerid_value@OData.Community.Display.V1.FormattedValue").GetString());
        Assert.Equal("parentcustomerid_account", body.GetProperty("_parentcustomerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty").GetString());
        Assert.Equal("account", body.GetProperty("_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname").GetString());
        Assert.Equal("Active", body.GetProperty("statecode@OData.Community.Display.V1.FormattedValue").GetString());
        Assert.Equal("Yes", body.GetProperty("donotemail@OData.Community.Display.V1.FormattedValue").GetString());
        Assert.Equal("Email", body.GetProperty("preferredcontactmethodcode@OData.Community.Display.V1.FormattedValue").GetString());
        var names = body.EnumerateObject().Select(p => p.Name).ToList();
        Assert.True(names.IndexOf("_parentcustomerid_value@OData.Community.Display.V1.FormattedValue") < names.IndexOf("_parentcustomerid_value"),
            "annotations precede the property they annotate");
    }

    [Fact]
    public async Task Entity_WithOnlyFormattedValues_LeavesOutLookupAnnotations()
    {
        var contact = await _host.CreateAsync("contacts", """{"lastname":"Lovelace"}""");

        var body = await _host.GetJsonAsync($"contacts({contact})?$select=_ownerid_value",
            ("Prefer", "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\""));

        Assert.Equal("Emulator User", body.GetProperty("_ownerid_value@OData.Community.Display.V1.FormattedValue").GetString());
        Assert.False(body.TryGetProperty("_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname", out _));
    }

    [Fact]
    public async Task Collection_WithMaxPageSize_PagesThroughNextLinkWithoutRepeats()
    {
        for (var i = 0; i < 7; i++)
            _host.SeedContact($"P{i}");
        var seen = new List<string>();
        string? url = "contacts?$select=lastname";
        var pages = 0;
        while (url is not null)
        {
            var response = await _host.SendAsync(HttpMethod.Get, url, null, ("Prefer", "odata.maxpagesize=3"));
            var body = await _host.JsonAsync(response, 200);
            Assert.Equal("odata.maxpagesize=3", response.Headers.GetValues("Preference-Applied").Single());
            Assert.Equal($"{_host.Root}$metadata#contacts(lastname)", body.GetProperty("@odata.context").GetString());
            foreach (var item in body.GetProperty("value").EnumerateArray())
            {
                Assert.True(item.TryGetProperty("@odata.etag", out _));
                seen.Add(item.GetProperty("lastname").GetString()!);
            }
            url = body.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null;
            if (url is not null)
            {
                Assert.StartsWith(_host.Root + "contacts?", url);
                Assert.Contains("$skiptoken=", url);
            }
            pages++;
        }
        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"P{i}").OrderBy(s => s), seen.OrderBy(s => s));
    }

    [Fact]
    public async Task Collection_InsertBetweenPages_IsNeitherRepeatedNorSkippedBeforeTheCursor()
    {
        for (var i = 0; i < 4; i++)
            _host.SeedContact($"K{i}");
        var first = await _host.GetJsonAsync("contacts?$select=lastname", ("Prefer", "odata.maxpagesize=2"));
        var next = first.GetProperty("@odata.nextLink").GetString()!;
        _host.SeedContact("Late");

        var second = await _host.GetJsonAsync(next, ("Prefer", "odata.maxpagesize=2"));

        var firstNames = first.GetProperty("value").EnumerateArray().Select(v => v.GetProperty("lastname").GetString()).ToList();
        var secondNames = second.GetProperty("value").EnumerateArray().Select(v => v.GetProperty("lastname").GetString()).ToList();
        Assert.Empty(firstNames.Intersect(secondNames));
        Assert.Equal(["K2", "K3"], secondNames);
    }
}
