using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;
using EmailConnector.Schema;
using EmailConnector.Worker.Health;
using EmailConnector.Worker.Operations.Reconciliation;
using EmailConnector.Worker.Platforms;
using EmailConnector.Worker.Queue;
using EmailConnector.Worker.Reactions;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using ReactionFeed = EmailConnector.Core.Reactions.ReactionFeed;
using ResponseMode = EmailConnector.Schema.ResponseMode;
using SuppressionReason = EmailConnector.Schema.SuppressionReason;

namespace EmailConnector.Worker.Tests.Platforms;

public sealed class PlatformAccountsServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddEmailConnectorPlatformAccounts_ArrayAndMapEntries_BindEveryEntryWithItsSettings()
    {
        await using var provider = Services(new()
        {
            ["Worker:Platform"] = "None",
            ["Platforms:Accounts:0:Id"] = "a0000000-0000-0000-0000-00000000000a",
            ["Platforms:Accounts:0:Platform"] = "Dotdigital",
            ["Platforms:Accounts:0:Dotdigital:ApiUser"] = "apiuser-a@apiconnector.com",
            ["Platforms:Accounts:0:Dotdigital:ApiPassword"] = "not-a-real-password",
            ["Platforms:Accounts:0:Dotdigital:MaxImportBatchSize"] = "250",
            ["Platforms:Accounts:brandB:Id"] = "b0000000-0000-0000-0000-00000000000b",
            ["Platforms:Accounts:brandB:Platform"] = "smtp",
            ["Platforms:Accounts:brandB:Smtp:FeedbackIdSender"] = "brand-b",
            ["Platforms:Dotdigital:ApiUser"] = "not-inherited@apiconnector.com",
        });

        provider.GetRequiredService<IStartupValidator>().Validate();
        var accounts = provider.GetRequiredService<IOptions<PlatformAccountsOptions>>().Value.Accounts;

        Assert.Equal(["0", "brandB"], accounts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new Guid("a0000000-0000-0000-0000-00000000000a"), accounts["0"].AccountId);
        Assert.Equal(("apiuser-a@apiconnector.com", 250), (accounts["0"].Dotdigital!.ApiUser, accounts["0"].Dotdigital!.MaxImportBatchSize));
        Assert.Null(accounts["0"].Smtp);
        Assert.Equal("brand-b", accounts["brandB"].Smtp!.FeedbackIdSender);
    }

    [Fact]
    public async Task AddEmailConnectorPlatformAccounts_NoSection_ValidatesWithNoEntries()
    {
        await using var provider = Services([]);

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Empty(provider.GetRequiredService<IOptions<PlatformAccountsOptions>>().Value.Accounts);
    }

    [Fact]
    public async Task AddEmailConnectorPlatformAccounts_BadEntries_FailStartWithOneConfigurationLineNamingEach()
    {
        await using var provider = Services(new()
        {
            ["Worker:Platform"] = "Dotdigital",
            ["Platforms:Accounts:0:Id"] = "brand-a",
            ["Platforms:Accounts:0:Platform"] = "Dotdigital",
            ["Platforms:Accounts:0:Dotdigital:ApiPassword"] = "not-a-real-password",
            ["Platforms:Accounts:1:Id"] = "b0000000-0000-0000-0000-00000000000b",
            ["Platforms:Accounts:1:Platform"] = "Mailchimp",
        });

        var failure = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.True(WorkerLogging.IsConfigurationError(failure));
        var line = WorkerLogging.Describe(failure);
        Assert.DoesNotContain('\n', line);
        Assert.StartsWith("invalid configuration: ", line, StringComparison.Ordinal);
        Assert.Contains("Platforms:Accounts:0:Id must be the ec_platformaccount id (a GUID), not 'brand-a'.", line, StringComparison.Ordinal);
        Assert.Contains("Platforms:Accounts:0:Dotdigital: ApiUser: The ApiUser field is required.", line, StringComparison.Ordinal);
        Assert.Contains("Platforms:Accounts:1:Platform must be Smtp or Dotdigital, not 'Mailchimp'.", line, StringComparison.Ordinal);
    }

    /// <summary>
    /// Two brands, two Dotdigital accounts (two API users, two doubles that hand out the same address book ids), one
    /// worker: each activity's recipients reach its own account only, and each account's reactions come back on its
    /// own activity.
    /// </summary>
    [Fact]
    public async Task AddEmailConnectorPlatformAccounts_TwoDotdigitalAccounts_TransferAndWriteBackStayWithinEachAccount()
    {
        await using var front = await WorkerFront.StartAsync();
        await using var vendorA = await DotdigitalVendor.StartAsync(front, "apiuser-brand-a@apiconnector.com");
        await using var vendorB = await DotdigitalVendor.StartAsync(front, "apiuser-brand-b@apiconnector.com");
        var service = front.Service;
        var people = new[] { "Ann", "Bob", "Cid" }.ToDictionary(n => n, n => service.Create(new Entity("contact")
        {
            ["firstname"] = "Pat", ["lastname"] = n, ["emailaddress1"] = n.ToLowerInvariant() + "@example.com",
        }));
        var activityA = Activity("Spring A", "Ann", "Bob");
        var activityB = Activity("Spring B", "Ann", "Cid");
        var accountA = AccountOf(activityA);
        var accountB = AccountOf(activityB);
        var settings = new Dictionary<string, string?> { ["Worker:Platform"] = EmailPlatformChoice.None };
        foreach (var (key, value) in vendorA.AccountSettings("brandA", accountA).Concat(vendorB.AccountSettings("brandB", accountB)))
            settings[key] = value;
        var worker = front.Worker("worker-a", settings, services =>
        {
            services.RemoveAll<IEmailPlatform>();
            vendorA.ConfigureDelay()(services);
        });

        foreach (var activity in new[] { activityA, activityB })
            service.Execute(new OrganizationRequest(CustomApiNames.StartTransfer.Name) { ["Target"] = new EntityReference("campaignactivity", activity) });
        var processor = worker.GetRequiredService<QueueProcessor>();
        while (await processor.DrainOnceAsync(CancellationToken.None) > 0)
        {
        }

        Assert.All(front.SyncRequests(), r => Assert.Equal((int)QueueState.Succeeded, r.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value));
        var bookA = await TransferredBookAsync(activityA, vendorA, "Spring A");
        var bookB = await TransferredBookAsync(activityB, vendorB, "Spring B");
        Assert.Equal(["Spring A"], await BookNamesAsync(vendorA));
        Assert.Equal(["Spring B"], await BookNamesAsync(vendorB));
        Assert.Equal(HttpStatusCode.OK, await ContactStatusAsync(vendorA, "Bob"));
        Assert.Equal(HttpStatusCode.NotFound, await ContactStatusAsync(vendorB, "Bob"));
        Assert.Equal(HttpStatusCode.OK, await ContactStatusAsync(vendorB, "Cid"));
        Assert.Equal(HttpStatusCode.NotFound, await ContactStatusAsync(vendorA, "Cid"));

        // Both mailings go out; the recipients react at their brand's account.
        var campaignA = await SendAsync(vendorA, bookA);
        var campaignB = await SendAsync(vendorB, bookB);
        front.Clock.Advance(TimeSpan.FromMinutes(5));
        await ReactAsync(vendorA, campaignA, "open", "Bob");
        await ReactAsync(vendorB, campaignB, "open", "Ann");
        front.Clock.Advance(TimeSpan.FromMinutes(1));
        await ReactAsync(vendorB, campaignB, "click", "Ann", "https://www.example.com/brand-b");
        await ReactAsync(vendorB, campaignB, "unsubscribe", "Cid");
        front.Clock.Advance(TimeSpan.FromMinutes(5));

        var failed = await worker.GetRequiredService<ReactionScheduler>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(0, failed);
        var responses = front.Organization.Rows(CampaignResponseColumns.EntityName)
            .ToDictionary(r => r.GetAttributeValue<string>(CampaignResponseColumns.ResponseKey));
        Assert.Equal(2, responses.Count);
        var annAtB = responses[CampaignResponseRules.ResponseKey(activityB, Contact("Ann"))];
        Assert.Equal((1, 1), (annAtB.GetAttributeValue<int>(CampaignResponseColumns.OpenCount), annAtB.GetAttributeValue<int>(CampaignResponseColumns.ClickCount)));
        Assert.Equal("https://www.example.com/brand-b", annAtB.GetAttributeValue<string>(CampaignResponseColumns.LastClickedUrl));
        var bobAtA = responses[CampaignResponseRules.ResponseKey(activityA, Contact("Bob"))];
        Assert.Equal((1, 0), (bobAtA.GetAttributeValue<int>(CampaignResponseColumns.OpenCount), bobAtA.GetAttributeValue<int>(CampaignResponseColumns.ClickCount)));
        Assert.True(service.Retrieve("contact", people["Cid"], new ColumnSet("donotbulkemail")).GetAttributeValue<bool>("donotbulkemail"));
        var suppression = Assert.Single(front.Organization.Rows(Suppression.EntityName));
        Assert.Equal(("cid@example.com", (int)SuppressionReason.Unsubscribed, accountB), (
            suppression.GetAttributeValue<string>(Suppression.EmailAddress),
            suppression.GetAttributeValue<OptionSetValue>(Suppression.Reason).Value,
            suppression.GetAttributeValue<EntityReference>(Suppression.PlatformAccountId).Id));
        // Health reports each feed per account: both accounts' feeds were pulled through their own adapters.
        var feeds = worker.GetRequiredService<WorkerStatus>().Snapshot().Where(s => s.Key.StartsWith("Feed:", StringComparison.Ordinal)).ToList();
        Assert.Contains(feeds, s => s.Key == ReactionScheduler.FeedActivity(accountA, ReactionFeed.Opens) && s.Value.LastSuccessAt is not null);
        Assert.Contains(feeds, s => s.Key == ReactionScheduler.FeedActivity(accountB, ReactionFeed.Opens) && s.Value.LastSuccessAt is not null);
        Assert.All(feeds, s => Assert.Null(s.Value.LastErrorAt));
        // Reconciliation walks both accounts with their own adapters too.
        Assert.Equal(0, await worker.GetRequiredService<ReconciliationScheduler>().RunOnceAsync(CancellationToken.None));
        vendorA.AssertExchangesMatchOpenApi();
        vendorB.AssertExchangesMatchOpenApi();

        RecordReference Contact(string name) => new("contact", people[name]);

        Guid Activity(string listName, params string[] members)
        {
            var activity = front.EmailActivity(listName: listName);
            service.Update(new Entity("campaignactivity", activity) { [CampaignActivityColumns.ResponseMode] = new OptionSetValue((int)ResponseMode.ClicksAndOpens) });
            var list = service.Create(new Entity("list") { ["listname"] = listName + " list", ["createdfromcode"] = new OptionSetValue(2), ["type"] = false });
            service.Execute(new OrganizationRequest("AddListMembersList") { ["ListId"] = list, ["MemberIds"] = members.Select(m => people[m]).ToArray() });
            service.Execute(new OrganizationRequest("AddItemCampaignActivity") { ["CampaignActivityId"] = activity, ["ItemId"] = list, ["EntityName"] = "list" });
            return activity;
        }

        Guid AccountOf(Guid activity) =>
            service.Retrieve("campaignactivity", activity, new ColumnSet(CampaignActivityColumns.PlatformAccountId))
                .GetAttributeValue<EntityReference>(CampaignActivityColumns.PlatformAccountId).Id;

        async Task<int> TransferredBookAsync(Guid activity, DotdigitalVendor vendor, string name)
        {
            var row = service.Retrieve("campaignactivity", activity, new ColumnSet(
                CampaignActivityColumns.TransferState, CampaignActivityColumns.TransferredCount, CampaignActivityColumns.PlatformListId));
            Assert.Equal((int)TransferState.Transferred, row.GetAttributeValue<OptionSetValue>(CampaignActivityColumns.TransferState).Value);
            Assert.Equal(2, row.GetAttributeValue<int>(CampaignActivityColumns.TransferredCount));
            var id = int.Parse(row.GetAttributeValue<string>(CampaignActivityColumns.PlatformListId), System.Globalization.CultureInfo.InvariantCulture);
            var book = await vendor.Api.GetFromJsonAsync<JsonObject>($"v2/address-books/{id}");
            Assert.Equal((name, 2), (book!["name"]!.GetValue<string>(), book["contacts"]!.GetValue<int>()));
            return id;
        }

        async Task<HttpStatusCode> ContactStatusAsync(DotdigitalVendor vendor, string name)
        {
            using var response = await vendor.Api.GetAsync($"contacts/v3/CRMRECORDID/{Uri.EscapeDataString(Contact(name).ToString())}");
            return response.StatusCode;
        }

        async Task ReactAsync(DotdigitalVendor vendor, int campaign, string kind, string person, string? url = null) =>
            await vendor.ControlAsync("reactions", new { kind, campaignId = campaign, record = Contact(person).ToString(), url });
    }

    private static async Task<int> SendAsync(DotdigitalVendor vendor, int book) =>
        (await vendor.ControlAsync("send", new { addressBookIds = new[] { book } }))["campaignId"]!.GetValue<int>();

    private static async Task<List<string>> BookNamesAsync(DotdigitalVendor vendor)
    {
        var books = await vendor.Api.GetFromJsonAsync<JsonArray>("v2/address-books");
        return books!.Select(b => b!["name"]!.GetValue<string>()).Where(n => n != "Test").ToList();
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        PlatformServices.Build(settings, (services, configuration) => services.AddEmailConnectorPlatformAccounts(configuration));
}
