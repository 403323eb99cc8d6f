using EmailConnector.Schema;
using EmailConnector.Worker.Reactions;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;
using CoreFeed = EmailConnector.Core.Reactions.ReactionFeed;

namespace EmailConnector.Worker.Tests.Reactions;

/// <summary>New subscribers of "generate leads" activities become leads (end to end through the NewSubscribers feed).</summary>
public sealed class LeadWriterTests
{
    [Fact]
    public async Task Pull_NewSubscribers_OneLeadPerAddressWithTheConnectorAsSourceAndTheCampaign()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await WriteBackScene.BuildAsync(front, generateLeads: true);
        await scene.Script.SubscribeAsync(scene.ListId, "carl@example.com", new Dictionary<string, string?> { ["FirstName"] = "Carl", ["LastName"] = "<b>Berg</b>" });
        front.Clock.Advance(TimeSpan.FromMinutes(1));
        // The same person signs up again with another spelling of the address: still one lead.
        await scene.Script.SubscribeAsync(scene.ListId, "Carl@Example.com", new Dictionary<string, string?>());
        await scene.Script.SubscribeAsync(scene.ListId, "dora@example.com", new Dictionary<string, string?> { ["lastname"] = "Dora" });

        await scene.PullAsync(CoreFeed.NewSubscribers);

        var leads = front.Organization.Rows("lead");
        Assert.Equal(2, leads.Count);
        var carl = Assert.Single(leads, l => l.GetAttributeValue<string>("emailaddress1") == "carl@example.com");
        Assert.Equal("Carl", carl.GetAttributeValue<string>("firstname"));
        Assert.Equal("Berg", carl.GetAttributeValue<string>("lastname"));
        Assert.Equal("Subscription: Spring offer", carl.GetAttributeValue<string>("subject"));
        Assert.All(leads, l => Assert.Equal((int)LeadSource.EmailPlatform, l.GetAttributeValue<OptionSetValue>("leadsourcecode").Value));
        Assert.All(leads, l => Assert.Equal(new EntityReference("campaign", scene.Campaign), l.GetAttributeValue<EntityReference>("campaignid")));
        Assert.Equal("Dora", Assert.Single(leads, l => l.GetAttributeValue<string>("emailaddress1") == "dora@example.com").GetAttributeValue<string>("lastname"));
    }

    [Fact]
    public async Task Pull_SubscribersDeliveredTwice_CreateNoSecondLead()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await WriteBackScene.BuildAsync(front, generateLeads: true);
        await scene.Script.SubscribeAsync(scene.ListId, "carl@example.com", new Dictionary<string, string?>());
        await scene.PullAsync(CoreFeed.NewSubscribers);
        var first = Assert.Single(front.Organization.Rows("lead")).Id;

        scene.ForgetCursors();
        await scene.PullAsync(CoreFeed.NewSubscribers);
        await front.Worker("worker-b").GetRequiredService<ReactionPull>().PullAsync(scene.Account, CoreFeed.NewSubscribers);

        Assert.Equal(first, Assert.Single(front.Organization.Rows("lead")).Id);
    }

    [Fact]
    public async Task Pull_ActivityWithoutGenerateLeads_CreatesNoLead()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await WriteBackScene.BuildAsync(front, generateLeads: false);
        await scene.Script.SubscribeAsync(scene.ListId, "carl@example.com", new Dictionary<string, string?>());

        await scene.PullAsync(CoreFeed.NewSubscribers);

        Assert.Empty(front.Organization.Rows("lead"));
    }

    [Fact]
    public async Task Pull_SubscriberWithInvalidAddress_IsSkippedAndTheOthersGoOn()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await WriteBackScene.BuildAsync(front, generateLeads: true);
        await scene.Script.SubscribeAsync(scene.ListId, "not an address", new Dictionary<string, string?>());
        await scene.Script.SubscribeAsync(scene.ListId, "dora@example.com", new Dictionary<string, string?>());

        await scene.PullAsync(CoreFeed.NewSubscribers);

        Assert.Equal("dora@example.com", Assert.Single(front.Organization.Rows("lead")).GetAttributeValue<string>("emailaddress1"));
    }
}
