using System.Text.Json.Nodes;
using EmailConnector.Core;
using EmailConnector.Core.Reactions;
using EmailConnector.Schema;
using EmailConnector.Testing.Platforms;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using BounceCategory = EmailConnector.Schema.BounceCategory;
using ResponseMode = EmailConnector.Schema.ResponseMode;
using SuppressionReason = EmailConnector.Schema.SuppressionReason;

namespace EmailConnector.Worker.Tests;

public sealed class HostApplicationBuilderExtensionsTests
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMinutes(7);
    private static readonly TimeSpan PullInterval = TimeSpan.FromSeconds(77);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A marketer's whole round trip: everything the app does goes over the Web API as the app sends it, the worker
    /// runs as the process does, and the platform's reactions come back as Dataverse rows.
    /// </summary>
    [Fact]
    public async Task AddEmailConnectorWorker_CampaignDrivenOverTheWebApi_TransfersTheListsAndWritesTheReactionsBack()
    {
        await using var front = await WorkerFront.StartAsync();
        using var app = new AppClient(front.Server);
        var account = await app.CreateAsync("ec_platformaccounts", new JsonObject
        {
            [PlatformAccount.Name] = "Newsletter platform", [PlatformAccount.PlatformType] = (int)PlatformType.Dotdigital,
        });
        var campaign = await app.CreateAsync("campaigns", new JsonObject { ["name"] = "Spring 2026" });
        var activity = await app.CreateAsync("campaignactivities", new JsonObject
        {
            ["subject"] = "Spring offer",
            ["channeltypecode"] = (int)CampaignActivityChannel.EmailPlatform,
            [CampaignActivityColumns.ResponseMode] = (int)ResponseMode.ClicksAndOpens,
            ["regardingobjectid_campaign_campaignactivity@odata.bind"] = $"/campaigns({campaign:D})",
            ["ec_PlatformAccountId@odata.bind"] = $"/ec_platformaccounts({account:D})",
        });
        var people = new Dictionary<string, Guid>();
        foreach (var (name, address, doNotBulkEmail) in new[]
        {
            ("Ann", "ann@example.com", false), ("Bob", "bob@example.com", false), ("Cid", "cid@example.com", false),
            ("Dan", "dan@example.com", true), ("Eve", (string?)null, false), ("Fay", "fay@example.com", false), ("Gus", "gus@example.com", false),
        })
        {
            people[name] = await app.CreateAsync("contacts", new JsonObject
            {
                ["firstname"] = "Pat", ["lastname"] = name, ["emailaddress1"] = address, ["donotbulkemail"] = doNotBulkEmail,
            });
        }

        var newsletter = await app.CreateAsync("lists", new JsonObject { ["listname"] = "Newsletter", ["createdfromcode"] = 2, ["type"] = false });
        await app.AddListMembersAsync(newsletter, "contact", new[] { "Ann", "Bob", "Cid", "Dan", "Eve", "Gus" }.Select(n => people[n]));
        var regulars = await app.CreateAsync("lists", new JsonObject
        {
            ["listname"] = "Regulars", ["createdfromcode"] = 2, ["type"] = true,
            ["query"] = "<fetch><entity name='contact'><attribute name='fullname'/><filter><condition attribute='lastname' operator='in'><value>Fay</value><value>Gus</value></condition></filter></entity></fetch>",
        });
        await app.AddListToActivityAsync(activity, newsletter);
        await app.AddListToActivityAsync(activity, regulars);
        var preview = await app.PreviewTransferAsync(activity);
        var expected = preview["RecipientCount"]!.GetValue<int>();
        var started = await app.StartTransferAsync(activity, expected);

        Assert.Equal(5, expected);
        Assert.Equal(2, preview["ExcludedCount"]!.GetValue<int>());
        Assert.NotNull(started["SyncRequestId"]);

        var platform = new InMemoryEmailPlatform(front.Clock, new InMemoryEmailPlatformOptions { MaxImportBatchSize = 2 });
        var clock = new WorkerClock(front.Clock);
        using var host = WorkerHost.Build(front, "worker-a", platform, clock, new Dictionary<string, string?>
        {
            ["Queue:PollInterval"] = "00:07:00", ["Reactions:PullInterval"] = "00:01:17", ["Dataverse:MaxPageSize"] = "2",
        });
        await host.StartAsync();
        try
        {
            // The queue loop waits its poll interval only after a pass that found nothing: both requests are done.
            await clock.WhenTimerAsync(PollInterval, 1, Patience);

            var transferred = front.Service.Retrieve("campaignactivity", activity, new ColumnSet(true));
            Assert.Equal((int)TransferState.Transferred, transferred.GetAttributeValue<OptionSetValue>(CampaignActivityColumns.TransferState).Value);
            Assert.Equal(expected, transferred.GetAttributeValue<int>(CampaignActivityColumns.TransferredCount));
            Assert.Equal(2, transferred.GetAttributeValue<int>(CampaignActivityColumns.ExcludedCount));
            var listId = transferred.GetAttributeValue<string>(CampaignActivityColumns.PlatformListId);
            Assert.Equal(
                new[] { "Ann", "Bob", "Cid", "Fay", "Gus" }.Select(n => new RecordReference("contact", people[n])).ToHashSet(),
                platform.SubscribedMembers(listId).ToHashSet());
            Assert.All(front.SyncRequests(), r => Assert.Equal((int)QueueState.Succeeded, r.GetAttributeValue<OptionSetValue>(Schema.SyncRequest.QueueState).Value));

            IReactionScript script = platform;
            var mailing = await script.SendAsync(listId);
            await script.OpenAsync(mailing, Contact(people, "Ann"));
            await script.ClickAsync(mailing, Contact(people, "Ann"), "https://example.com/offer");
            await script.BounceAsync(mailing, Contact(people, "Bob"), "5.1.1", "550 5.1.1 user unknown");
            await script.UnsubscribeAsync(mailing, Contact(people, "Cid"), UnsubscribeScope.Global);
            await script.UnsubscribeAsync(mailing, Contact(people, "Gus"), UnsubscribeScope.List);

            // The scheduler's first pass ran at start; once it waits, the clock reaches its next pass, then it waits again.
            await clock.WhenTimerAsync(PullInterval, 1, Patience);
            front.Clock.Advance(PullInterval);
            await clock.WhenTimerAsync(PullInterval, 2, Patience);
        }
        finally
        {
            await host.StopAsync();
        }

        var response = Assert.Single(front.Organization.Rows(CampaignResponseColumns.EntityName),
            r => r.GetAttributeValue<string>(CampaignResponseColumns.ResponseKey) == CampaignResponseRules.ResponseKey(activity, Contact(people, "Ann")));
        Assert.Equal(1, response.GetAttributeValue<int>(CampaignResponseColumns.OpenCount));
        Assert.Equal(1, response.GetAttributeValue<int>(CampaignResponseColumns.ClickCount));
        Assert.Equal("https://example.com/offer", response.GetAttributeValue<string>(CampaignResponseColumns.LastClickedUrl));
        Assert.Equal(campaign, response.GetAttributeValue<EntityReference>("regardingobjectid").Id);
        // The account's click detail is the default, Counts only: the click is counted on the response, not kept as a row.
        Assert.Empty(front.Organization.Rows(EmailClick.EntityName));
        var bob = front.Service.Retrieve("contact", people["Bob"], new ColumnSet(RecipientColumns.EmailInvalid, RecipientColumns.BounceCategory, RecipientColumns.HardBounceCount));
        Assert.True(bob.GetAttributeValue<bool>(RecipientColumns.EmailInvalid));
        Assert.Equal((int)BounceCategory.Hard, bob.GetAttributeValue<OptionSetValue>(RecipientColumns.BounceCategory).Value);
        Assert.Equal(1, bob.GetAttributeValue<int>(RecipientColumns.HardBounceCount));
        Assert.True(front.Service.Retrieve("contact", people["Cid"], new ColumnSet("donotbulkemail")).GetAttributeValue<bool>("donotbulkemail"));
        Assert.False(front.Service.Retrieve("contact", people["Gus"], new ColumnSet("donotbulkemail")).GetAttributeValue<bool>("donotbulkemail"));
        var suppressions = front.Organization.Rows(Suppression.EntityName);
        Assert.Contains(suppressions, s => s.GetAttributeValue<string>(Suppression.EmailAddress) == "cid@example.com"
            && s.GetAttributeValue<OptionSetValue>(Suppression.Reason).Value == (int)SuppressionReason.Unsubscribed);
        Assert.DoesNotContain(suppressions, s => s.GetAttributeValue<string>(Suppression.EmailAddress) == "gus@example.com");
        var leaving = Assert.Single(front.Organization.Rows(ListUnsubscribe.EntityName));
        Assert.Equal(people["Gus"], leaving.GetAttributeValue<EntityReference>(ListUnsubscribe.ContactId).Id);
        Assert.Equal(activity, leaving.GetAttributeValue<EntityReference>(ListUnsubscribe.CampaignActivityId).Id);
    }

    private static RecordReference Contact(Dictionary<string, Guid> people, string name) => new("contact", people[name]);
}
