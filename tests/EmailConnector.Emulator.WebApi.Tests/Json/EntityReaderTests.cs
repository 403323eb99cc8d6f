using System.Net;
using EmailConnector.Emulator.WebApi.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.WebApi.Tests.Json;

/// <summary>Request bodies into entities; here the deep insert of activity parties (dataverse.md §6.8, §6.9).</summary>
public sealed class EntityReaderTests : IAsyncLifetime
{
    private WebApiHost _host = null!;

    public async Task InitializeAsync() => _host = await WebApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Create_EmailWithActivityParties_CreatesOnePartyRowPerItem()
    {
        var contact = _host.SeedContact("Lovelace", "ada@example.com");

        var email = await _host.CreateAsync("emails", $$"""
            {
              "subject": "Spring offer",
              "directioncode": true,
              "email_activity_parties": [
                { "addressused": "news@example.org", "participationtypemask": 1 },
                { "partyid_contact@odata.bind": "/contacts({{contact}})", "participationtypemask": 2 }
              ]
            }
            """);

        var parties = Parties(email);
        Assert.Equal(2, parties.Count);
        var sender = Assert.Single(parties, p => p.GetAttributeValue<OptionSetValue>("participationtypemask").Value == 1);
        Assert.Equal("news@example.org", sender["addressused"]);
        Assert.False(sender.Contains("partyid"));
        var to = Assert.Single(parties, p => p.GetAttributeValue<OptionSetValue>("participationtypemask").Value == 2);
        Assert.Equal(new EntityReference("contact", contact), to["partyid"]);
        Assert.Equal("ada@example.com", to["addressused"]);
    }

    [Fact]
    public async Task Create_CampaignResponseWithCustomerParty_SetsTheCustomer()
    {
        var contact = _host.SeedContact("Lovelace", "ada@example.com");
        var campaign = await _host.CreateAsync("campaigns", """{"name":"Spring"}""");

        var response = await _host.CreateAsync("campaignresponses", $$"""
            {
              "subject": "Clicked",
              "regardingobjectid_campaign_campaignresponse@odata.bind": "/campaigns({{campaign}})",
              "campaignresponse_activity_parties": [
                { "@odata.type": "Microsoft.Dynamics.CRM.activityparty", "partyid_contact@odata.bind": "/contacts({{contact}})", "participationtypemask": 11 }
              ]
            }
            """);

        var customer = Assert.Single(Parties(response));
        Assert.Equal(11, customer.GetAttributeValue<OptionSetValue>("participationtypemask").Value);
        Assert.Equal(new EntityReference("contact", contact), customer["partyid"]);
        var read = await _host.GetJsonAsync($"activityparties?$select=_partyid_value&$filter=_activityid_value eq {response} and participationtypemask eq 11");
        Assert.Equal(contact.ToString(), Assert.Single(read.GetProperty("value").EnumerateArray()).GetProperty("_partyid_value").GetString());
    }

    [Fact]
    public async Task Create_PartyWithMaskTheActivityLacks_Is400()
    {
        var contact = _host.SeedContact("Lovelace", "ada@example.com");

        var response = await _host.SendAsync(HttpMethod.Post, "emails",
            $$"""{"subject":"x","email_activity_parties":[{"partyid_contact@odata.bind":"/contacts({{contact}})","participationtypemask":11}]}""");

        var (_, message) = await WebApiHost.ErrorAsync(response, 400);
        Assert.Contains("participationtypemask 11", message);
        Assert.Empty(_host.Organization.Rows("email"));
    }

    [Fact]
    public async Task Create_PartyWithoutMask_Is400()
    {
        var contact = _host.SeedContact("Lovelace", "ada@example.com");

        var response = await _host.SendAsync(HttpMethod.Post, "emails",
            $$"""{"subject":"x","email_activity_parties":[{"partyid_contact@odata.bind":"/contacts({{contact}})"}]}""");

        var (_, message) = await WebApiHost.ErrorAsync(response, 400);
        Assert.Contains("participationtypemask", message);
    }

    [Fact]
    public async Task Create_PartyWithUnsupportedColumn_Is501()
    {
        var response = await _host.SendAsync(HttpMethod.Post, "emails",
            """{"subject":"x","email_activity_parties":[{"addressused":"a@example.com","partyidname":"A","participationtypemask":2}]}""");

        var (_, message) = await WebApiHost.ErrorAsync(response, 501);
        Assert.Contains("partyidname", message);
    }

    [Fact]
    public async Task UpdateMultiple_TargetWithActivityParties_IsNotImplemented()
    {
        var email = await _host.CreateAsync("emails", """{"subject":"x"}""");

        var response = await _host.SendAsync(HttpMethod.Post, "emails/Microsoft.Dynamics.CRM.UpdateMultiple",
            $$"""{"Targets":[{"@odata.type":"Microsoft.Dynamics.CRM.email","activityid":"{{email}}","email_activity_parties":[{"addressused":"a@example.com","participationtypemask":2}]}]}""");

        var (_, message) = await WebApiHost.ErrorAsync(response, 501);
        Assert.Contains("email_activity_parties", message);
    }

    [Fact]
    public async Task Patch_WithActivityParties_IsNotImplemented()
    {
        var email = await _host.CreateAsync("emails", """{"subject":"x"}""");

        var response = await _host.SendAsync(HttpMethod.Patch, $"emails({email})",
            """{"email_activity_parties":[{"addressused":"a@example.com","participationtypemask":2}]}""");

        await WebApiHost.ErrorAsync(response, 501);
    }

    private List<Entity> Parties(Guid activityId) =>
        _host.Organization.Rows("activityparty")
            .Where(p => p.GetAttributeValue<EntityReference>("activityid")?.Id == activityId)
            .Where(p => p.GetAttributeValue<OptionSetValue>("participationtypemask").Value is not (8 or 9))
            .ToList();
}
