using System.Text.Json.Nodes;
using EmailConnector.Dataverse.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Dataverse.Tests;

/// <summary>Marketing actions, WhoAmI and custom APIs through the client against the emulator's HTTP front.</summary>
public sealed class DataverseClientActionsTests : IAsyncLifetime
{
    private DataverseFront _front = null!;

    private DataverseClient Client => _front.Client;

    public async Task InitializeAsync() => _front = await DataverseFront.StartAsync(settings: new Dictionary<string, string?> { ["BatchSize"] = "2" });

    public async Task DisposeAsync() => await _front.DisposeAsync();

    [Fact]
    public async Task WhoAmIAsync_ReturnsTheApplicationUserAndTheDopHint()
    {
        var result = await Client.WhoAmIAsync();

        Assert.Equal(_front.Organization.Options.DefaultUserId, result.UserId);
        Assert.Equal(_front.Organization.Options.BusinessUnitId, result.BusinessUnitId);
        Assert.Equal(_front.Organization.Options.OrganizationId, result.OrganizationId);
        Assert.Equal(4, result.DegreeOfParallelismHint);
    }

    [Fact]
    public async Task AddMemberListAsync_AddsTheMemberOnceEvenWhenRepeated()
    {
        var list = _front.SeedList("Newsletter");
        var contact = _front.SeedContact("Lovelace");

        var first = await Client.AddMemberListAsync(list, contact);
        var second = await Client.AddMemberListAsync(list, contact);

        var member = Assert.Single(_front.Organization.Rows("listmember"));
        Assert.Equal(member.Id, first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task AddListMembersListAsync_ChunksAndAddsEveryMember()
    {
        var list = _front.SeedList("Newsletter");
        var contacts = Enumerable.Range(0, 5).Select(i => _front.SeedContact("C" + i)).ToList();

        await Client.AddListMembersListAsync(list, "contact", contacts);

        Assert.Equal(contacts.Order(), _front.Organization.Rows("listmember").Select(m => m.GetAttributeValue<EntityReference>("entityid").Id).Order());
        Assert.Equal(3, _front.Attempts.Attempts.Count(a => a.Path.EndsWith("AddListMembersList", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RemoveMemberListAsync_RemovesTheMember()
    {
        var list = _front.SeedList("Newsletter");
        var contact = _front.SeedContact("Lovelace");
        await Client.AddMemberListAsync(list, contact);

        await Client.RemoveMemberListAsync(list, contact);

        Assert.Empty(_front.Organization.Rows("listmember"));
    }

    [Fact]
    public async Task AddListMembersListAsync_UnsupportedMemberTable_FailsLoudly()
    {
        await Assert.ThrowsAsync<NotSupportedException>(() => Client.AddListMembersListAsync(Guid.NewGuid(), "systemuser", [Guid.NewGuid()]));
    }

    [Fact]
    public async Task AddItemCampaignActivityAsync_LinksTheListAndReturnsTheItemId()
    {
        var service = _front.Organization.CreateService();
        var campaign = service.Create(new Entity("campaign") { ["name"] = "Spring" });
        var activity = service.Create(new Entity("campaignactivity") { ["subject"] = "Mailing", ["regardingobjectid"] = new EntityReference("campaign", campaign) });
        var list = _front.SeedList("Newsletter");

        var itemId = await Client.AddItemCampaignActivityAsync(activity, list);

        var item = _front.Organization.Read("campaignactivityitem", itemId)!;
        Assert.Equal(activity, item.GetAttributeValue<EntityReference>("campaignactivityid").Id);
        Assert.Equal(list, item["itemid"]);
    }

    [Fact]
    public async Task InvokeActionAsync_UnboundCustomApi_ReturnsItsResponseProperties()
    {
        var result = await Client.InvokeActionAsync("ec_Repeat", new JsonObject { ["Text"] = "ab", ["Count"] = 3 });

        Assert.Equal("ababab", result!.GetString("Result"));
    }

    [Fact]
    public async Task InvokeFunctionAsync_BoundCustomApi_PassesParametersAsAliases()
    {
        var contact = _front.SeedContact("Lovelace");

        var result = await Client.InvokeFunctionAsync("ec_Greeting", new Dictionary<string, object?> { ["Prefix"] = "Dear " }, "contacts", contact);

        Assert.Equal("Dear Lovelace", result.GetString("Greeting"));
    }

    [Fact]
    public async Task InvokeActionAsync_BoundActionWithoutResponse_Returns204AndRuns()
    {
        var contact = _front.SeedContact("Lovelace");

        var result = await Client.InvokeActionAsync("ec_Mark", entitySet: "contacts", key: contact, isIdempotent: true);

        Assert.Null(result);
        Assert.Equal("Marked", _front.Organization.Read("contact", contact)!["firstname"]);
    }
}
