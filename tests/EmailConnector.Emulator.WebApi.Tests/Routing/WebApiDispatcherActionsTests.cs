using System.Net;
using EmailConnector.Emulator.WebApi.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.WebApi.Tests.Routing;

/// <summary>Bulk, marketing-list and campaign actions, WhoAmI, and custom APIs (dataverse.md §3.9, §3.11).</summary>
public sealed class WebApiDispatcherActionsTests : IAsyncLifetime
{
    private WebApiHost _host = null!;

    public async Task InitializeAsync() => _host = await WebApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CreateMultiple_ReturnsIdsInOrder()
    {
        var response = await _host.SendAsync(HttpMethod.Post, "contacts/Microsoft.Dynamics.CRM.CreateMultiple", """
            {"Targets":[{"@odata.type":"Microsoft.Dynamics.CRM.contact","lastname":"A"},{"@odata.type":"Microsoft.Dynamics.CRM.contact","lastname":"B"}]}
            """);

        var body = await _host.JsonAsync(response, 200);
        Assert.Equal($"{_host.Root}$metadata#Microsoft.Dynamics.CRM.CreateMultipleResponse", body.GetProperty("@odata.context").GetString());
        var ids = body.GetProperty("Ids").EnumerateArray().Select(i => Guid.Parse(i.GetString()!)).ToList();
        Assert.Equal(["A", "B"], ids.Select(id => (string)_host.Organization.Read("contact", id)!["lastname"]));
    }

    [Fact]
    public async Task CreateMultiple_OneBadTarget_CreatesNothing()
    {
        var response = await _host.SendAsync(HttpMethod.Post, "contacts/Microsoft.Dynamics.CRM.CreateMultiple", $$"""
            {"Targets":[{"@odata.type":"Microsoft.Dynamics.CRM.contact","lastname":"A"},{"@odata.type":"Microsoft.Dynamics.CRM.contact","lastname":"{{new string('x', 51)}}"}]}
            """);

        await WebApiHost.ErrorAsync(response, 400);
        Assert.Empty(_host.Organization.Rows("contact"));
    }

    [Fact]
    public async Task CreateMultiple_ActivityTargetsWithInlineParties_SetTheirCustomers()
    {
        var ada = _host.SeedContact("Lovelace", "ada@example.com");
        var alan = _host.SeedContact("Turing", "alan@example.com");

        var response = await _host.SendAsync(HttpMethod.Post, "campaignresponses/Microsoft.Dynamics.CRM.CreateMultiple", $$"""
            {"Targets":[
              {"@odata.type":"Microsoft.Dynamics.CRM.campaignresponse","subject":"A","campaignresponse_activity_parties":[{"partyid_contact@odata.bind":"/contacts({{ada}})","participationtypemask":11}]},
              {"@odata.type":"Microsoft.Dynamics.CRM.campaignresponse","subject":"B","campaignresponse_activity_parties":[{"partyid_contact@odata.bind":"/contacts({{alan}})","participationtypemask":11}]}]}
            """);

        var ids = (await _host.JsonAsync(response, 200)).GetProperty("Ids").EnumerateArray().Select(i => Guid.Parse(i.GetString()!)).ToList();
        Assert.Equal([ada, alan], ids.Select(CustomerOf));
    }

    [Fact]
    public async Task CreateMultiple_PartyOfAMissingRecord_CreatesNothing()
    {
        var ada = _host.SeedContact("Lovelace", "ada@example.com");

        var response = await _host.SendAsync(HttpMethod.Post, "campaignresponses/Microsoft.Dynamics.CRM.CreateMultiple", $$"""
            {"Targets":[
              {"@odata.type":"Microsoft.Dynamics.CRM.campaignresponse","subject":"A","campaignresponse_activity_parties":[{"partyid_contact@odata.bind":"/contacts({{ada}})","participationtypemask":11}]},
              {"@odata.type":"Microsoft.Dynamics.CRM.campaignresponse","subject":"B","campaignresponse_activity_parties":[{"partyid_contact@odata.bind":"/contacts({{Guid.NewGuid()}})","participationtypemask":11}]}]}
            """);

        Assert.False(response.IsSuccessStatusCode);
        Assert.Empty(_host.Organization.Rows("campaignresponse"));
    }

    [Fact]
    public async Task UpsertMultiple_TargetWithInlineParties_Is501()
    {
        var ada = _host.SeedContact("Lovelace", "ada@example.com");

        var response = await _host.SendAsync(HttpMethod.Post, "campaignresponses/Microsoft.Dynamics.CRM.UpsertMultiple", $$"""
            {"Targets":[{"@odata.type":"Microsoft.Dynamics.CRM.campaignresponse","activityid":"{{Guid.NewGuid()}}","subject":"A","campaignresponse_activity_parties":[{"partyid_contact@odata.bind":"/contacts({{ada}})","participationtypemask":11}]}]}
            """);

        await WebApiHost.ErrorAsync(response, 501);
    }

    [Fact]
    public async Task CreateMultiple_TargetWithoutODataType_Is400()
    {
        var response = await _host.SendAsync(HttpMethod.Post, "contacts/Microsoft.Dynamics.CRM.CreateMultiple", """{"Targets":[{"lastname":"A"}]}""");

        await WebApiHost.ErrorAsync(response, 400);
    }

    [Fact]
    public async Task UpdateMultiple_UpdatesEachTarget()
    {
        var a = _host.SeedContact("A");
        var b = _host.SeedContact("B");

        var response = await _host.SendAsync(HttpMethod.Post, "contacts/Microsoft.Dynamics.CRM.UpdateMultiple", $$"""
            {"Targets":[{"@odata.type":"Microsoft.Dynamics.CRM.contact","contactid":"{{a}}","firstname":"One"},{"@odata.type":"Microsoft.Dynamics.CRM.contact","contactid":"{{b}}","firstname":"Two"}]}
            """);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("One", _host.Organization.Read("contact", a)!["firstname"]);
        Assert.Equal("Two", _host.Organization.Read("contact", b)!["firstname"]);
    }

    [Fact]
    public async Task UpsertMultiple_ByAlternateKeyInODataId_CreatesAndUpdates()
    {
        await _host.CreateAsync("ec_suppressions", """{"ec_emailaddress":"old@example.com"}""");

        var response = await _host.SendAsync(HttpMethod.Post, "ec_suppressions/Microsoft.Dynamics.CRM.UpsertMultiple", """
            {"Targets":[
              {"@odata.type":"Microsoft.Dynamics.CRM.ec_suppression","@odata.id":"ec_suppressions(ec_emailaddress='old@example.com')","ec_suppressedon":"2026-01-02T00:00:00Z"},
              {"@odata.type":"Microsoft.Dynamics.CRM.ec_suppression","@odata.id":"ec_suppressions(ec_emailaddress='new@example.com')","ec_suppressedon":"2026-01-03T00:00:00Z"}]}
            """);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var rows = _host.Organization.Rows("ec_suppression");
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.True(r.Contains("ec_suppressedon")));
    }

    [Fact]
    public async Task AddMemberList_ReturnsListMemberIdAndRepeatIsNoOp()
    {
        var list = _host.SeedList("L");
        var contact = _host.SeedContact("M");

        var first = await _host.JsonAsync(await _host.SendAsync(HttpMethod.Post, $"lists({list})/Microsoft.Dynamics.CRM.AddMemberList", $$"""{"EntityId":"{{contact}}"}"""), 200);
        var second = await _host.JsonAsync(await _host.SendAsync(HttpMethod.Post, $"lists({list})/Microsoft.Dynamics.CRM.AddMemberList", $$"""{"EntityId":"{{contact}}"}"""), 200);

        Assert.Equal($"{_host.Root}$metadata#Microsoft.Dynamics.CRM.AddMemberListResponse", first.GetProperty("@odata.context").GetString());
        Assert.Equal(first.GetProperty("Id").GetString(), second.GetProperty("Id").GetString());
        Assert.Equal(_host.Organization.Rows("listmember").Single().Id.ToString(), first.GetProperty("Id").GetString());
    }

    [Fact]
    public async Task AddListMembersListAndRemoveMemberList_ChangeMembership()
    {
        var list = _host.SeedList("L");
        var a = _host.SeedContact("A");
        var b = _host.SeedContact("B");

        var add = await _host.SendAsync(HttpMethod.Post, "AddListMembersList", $$"""
            {"List":{"listid":"{{list}}","@odata.type":"Microsoft.Dynamics.CRM.list"},
             "Members":[{"contactid":"{{a}}","@odata.type":"Microsoft.Dynamics.CRM.contact"},{"contactid":"{{b}}","@odata.type":"Microsoft.Dynamics.CRM.contact"}]}
            """);
        Assert.Equal(HttpStatusCode.NoContent, add.StatusCode);
        Assert.Equal(2, _host.Organization.Rows("listmember").Count);
        Assert.Equal(2, _host.Organization.Read("list", list)!["membercount"]);

        var remove = await _host.SendAsync(HttpMethod.Post, $"lists({list})/Microsoft.Dynamics.CRM.RemoveMemberList", $$"""{"EntityId":"{{a}}"}""");
        Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        Assert.Single(_host.Organization.Rows("listmember"));
    }

    [Fact]
    public async Task AddMemberList_MissingEntityId_Is400()
    {
        var list = _host.SeedList("L");

        var response = await _host.SendAsync(HttpMethod.Post, $"lists({list})/Microsoft.Dynamics.CRM.AddMemberList", "{}");

        await WebApiHost.ErrorAsync(response, 400);
    }

    [Fact]
    public async Task AddItemCampaignActivity_LinksTheList()
    {
        var service = _host.Organization.CreateService();
        var campaign = service.Create(new Entity("campaign") { ["name"] = "Spring" });
        var activity = service.Create(new Entity("campaignactivity") { ["subject"] = "Mail", ["regardingobjectid"] = new EntityReference("campaign", campaign) });
        var list = _host.SeedList("L");

        var body = await _host.JsonAsync(await _host.SendAsync(HttpMethod.Post, "AddItemCampaignActivity", $$"""
            {"CampaignActivity":{"activityid":"{{activity}}","@odata.type":"Microsoft.Dynamics.CRM.campaignactivity"},
             "Item":{"listid":"{{list}}","@odata.type":"Microsoft.Dynamics.CRM.list"} }
            """), 200);

        Assert.Equal(_host.Organization.Rows("campaignactivityitem").Single().Id.ToString(), body.GetProperty("CampaignActivityItemId").GetString());
    }

    [Fact]
    public async Task WhoAmI_WithAndWithoutParentheses_ReturnsTheCaller()
    {
        foreach (var url in new[] { "WhoAmI", "WhoAmI()" })
        {
            var response = await _host.SendAsync(HttpMethod.Get, url);
            var body = await _host.JsonAsync(response, 200);
            Assert.Equal(_host.Organization.Options.DefaultUserId.ToString(), body.GetProperty("UserId").GetString());
            Assert.Equal($"{_host.Root}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse", body.GetProperty("@odata.context").GetString());
            Assert.Equal("4", response.Headers.GetValues("x-ms-dop-hint").Single());
        }
    }

    [Fact]
    public async Task UnboundCustomApi_ReturnsItsResponseProperties()
    {
        var contact = _host.SeedContact("Ref");

        var body = await _host.JsonAsync(await _host.SendAsync(HttpMethod.Post, "ec_Echo", $$"""
            {"Text":"ab","Count":3,"Contact":{"@odata.type":"Microsoft.Dynamics.CRM.contact","contactid":"{{contact}}"} }
            """), 200);

        Assert.Equal($"{_host.Root}$metadata#Microsoft.Dynamics.CRM.ec_EchoResponse", body.GetProperty("@odata.context").GetString());
        Assert.Equal("ababab", body.GetProperty("Echo").GetString());
        Assert.Equal(6, body.GetProperty("Length").GetInt32());
        Assert.Equal(contact.ToString(), body.GetProperty("Contact").GetProperty("contactid").GetString());
    }

    [Fact]
    public async Task UnboundCustomApi_MissingRequiredOrUnknownParameter_Is400()
    {
        await WebApiHost.ErrorAsync(await _host.SendAsync(HttpMethod.Post, "ec_Echo", """{"Count":1}"""), 400);
        await WebApiHost.ErrorAsync(await _host.SendAsync(HttpMethod.Post, "ec_Echo", """{"Text":"a","Bogus":1}"""), 400);
        await WebApiHost.ErrorAsync(await _host.SendAsync(HttpMethod.Post, "ec_Echo", """{"Text":5}"""), 400);
    }

    [Fact]
    public async Task BoundFunction_ViaGetWithAliasedParameter_Runs()
    {
        var contact = await _host.CreateAsync("contacts", """{"firstname":"Ada","lastname":"Lovelace"}""");

        var body = await _host.GetJsonAsync($"contacts({contact})/Microsoft.Dynamics.CRM.ec_Describe(Prefix=@p)?@p='Dr. '");
        var bare = await _host.GetJsonAsync($"contacts({contact})/Microsoft.Dynamics.CRM.ec_Describe()");

        Assert.Equal("Dr. Ada Lovelace", body.GetProperty("Description").GetString());
        Assert.Equal("Ada Lovelace", bare.GetProperty("Description").GetString());
    }

    [Fact]
    public async Task BoundAction_WithoutResponse_Is204AndRunsThePlugin()
    {
        var contact = _host.SeedContact("T");

        var response = await _host.SendAsync(HttpMethod.Post, $"contacts({contact})/Microsoft.Dynamics.CRM.ec_Touch", "{}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("Touched", _host.Organization.Read("contact", contact)!["firstname"]);
    }

    [Fact]
    public async Task CustomApi_WrongVerbOrBinding_IsRefused()
    {
        var contact = _host.SeedContact("T");

        await WebApiHost.ErrorAsync(await _host.SendAsync(HttpMethod.Post, $"contacts({contact})/Microsoft.Dynamics.CRM.ec_Describe", "{}"), 405);
        await WebApiHost.ErrorAsync(await _host.SendAsync(HttpMethod.Post, $"accounts({Guid.NewGuid()})/Microsoft.Dynamics.CRM.ec_Touch", "{}"), 404);
        await WebApiHost.ErrorAsync(await _host.SendAsync(HttpMethod.Post, "NoSuchAction", "{}"), 404);
    }

    [Fact]
    public async Task SolutionCustomApi_IsRoutedToTheBoundTable()
    {
        var service = _host.Organization.CreateService();
        var campaign = service.Create(new Entity("campaign") { ["name"] = "Spring" });
        var activity = service.Create(new Entity("campaignactivity") { ["subject"] = "Mail", ["regardingobjectid"] = new EntityReference("campaign", campaign) });

        // Loaded without its plugin assembly, ec_SyncNow has no main operation, so its response properties stay unset.
        var response = await _host.SendAsync(HttpMethod.Post, $"campaignactivities({activity})/Microsoft.Dynamics.CRM.ec_SyncNow", "{}");

        var (_, message) = await WebApiHost.ErrorAsync(response, 400);
        Assert.Contains("ec_SyncNow", message);
        Assert.Contains(_host.Organization.Log.Requests, r => r.RequestName == "ec_SyncNow");
    }

    private Guid CustomerOf(Guid responseId) =>
        _host.Organization.Rows("activityparty")
            .Where(p => p.GetAttributeValue<EntityReference>("activityid")?.Id == responseId && p.GetAttributeValue<OptionSetValue>("participationtypemask").Value == 11)
            .Select(p => p.GetAttributeValue<EntityReference>("partyid").Id)
            .Single();
}
