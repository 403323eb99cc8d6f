using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Dotdigital;
using EmailConnector.Platforms.Smtp;
using EmailConnector.Schema;
using EmailConnector.Worker.Platforms;
using EmailConnector.Worker.Queue;
using EmailConnector.Worker.Reactions;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using SuppressionReason = EmailConnector.Schema.SuppressionReason;

namespace EmailConnector.Worker.Tests.Platforms;

public sealed class EmailPlatformServiceCollectionExtensionsTests : IDisposable
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "ec-platform-choice-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(null)]
    [InlineData("Smtp")]
    [InlineData("smtp")]
    public async Task AddEmailConnectorPlatform_WhenSmtpOrUnset_ResolvesSmtpPlatform(string? choice)
    {
        var settings = new Dictionary<string, string?> { ["Platforms:Smtp:DataFolder"] = _dataFolder };
        if (choice is not null)
            settings["Worker:Platform"] = choice;
        await using var provider = Services(settings);

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.IsType<SmtpEmailPlatform>(provider.GetRequiredService<IEmailPlatform>());
    }

    [Theory]
    [InlineData("Dotdigital")]
    [InlineData("DOTDIGITAL")]
    public async Task AddEmailConnectorPlatform_WhenDotdigital_ResolvesDotdigitalPlatform(string choice)
    {
        await using var provider = Services(new()
        {
            ["Worker:Platform"] = choice,
            ["Platforms:Dotdigital:ApiUser"] = "apiuser-test@apiconnector.com",
            ["Platforms:Dotdigital:ApiPassword"] = "not-a-real-password",
        });

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.IsType<DotdigitalPlatform>(provider.GetRequiredService<IEmailPlatform>());
    }

    [Fact]
    public async Task AddEmailConnectorPlatform_WhenDotdigitalWithoutCredentials_FailsStart()
    {
        await using var provider = Services(new() { ["Worker:Platform"] = "Dotdigital" });

        var failure = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.True(WorkerLogging.IsConfigurationError(failure));
        Assert.Contains("ApiUser", WorkerLogging.Describe(failure), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddEmailConnectorPlatform_WhenUnknown_RegistersNoPlatformAndFailsStartWithOneConfigurationLine()
    {
        await using var provider = Services(new() { ["Worker:Platform"] = "Mailchimp" });

        var failure = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Null(provider.GetService<IEmailPlatform>());
        Assert.True(WorkerLogging.IsConfigurationError(failure));
        Assert.Contains("Worker:Platform must be Smtp, Dotdigital or None.", WorkerLogging.Describe(failure), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddEmailConnectorPlatform_WhenNone_RegistersNoDefaultPlatform()
    {
        await using var provider = Services(new()
        {
            ["Worker:Platform"] = "none",
            ["Platforms:Accounts:0:Id"] = Guid.NewGuid().ToString(),
            ["Platforms:Accounts:0:Platform"] = "Dotdigital",
        });

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Null(provider.GetService<IEmailPlatform>());
        Assert.Null(provider.GetService<SmtpEmailPlatform>());
        Assert.Null(provider.GetService<DotdigitalPlatform>());
    }

    [Fact]
    public async Task AddEmailConnectorPlatform_WhenAnAccountTakesSmtp_RegistersItFromTheAccountSectionBesideTheDefault()
    {
        var account = Guid.NewGuid();
        var settings = new Dictionary<string, string?>
        {
            ["Worker:Platform"] = "Dotdigital",
            ["Platforms:Dotdigital:ApiUser"] = "apiuser-test@apiconnector.com",
            ["Platforms:Dotdigital:ApiPassword"] = "not-a-real-password",
            ["Platforms:Accounts:brandB:Id"] = account.ToString(),
            ["Platforms:Accounts:brandB:Platform"] = "Smtp",
            ["Platforms:Accounts:brandB:Smtp:DataFolder"] = _dataFolder,
            ["Platforms:Smtp:DataFolder"] = "not-this-folder",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection(WorkerOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddEmailConnectorPlatform(configuration);
        services.AddEmailConnectorPlatformAccounts(configuration);
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var platforms = provider.GetRequiredService<EmailConnector.Worker.Operations.IEmailPlatformProvider>();

        Assert.IsType<DotdigitalPlatform>(provider.GetRequiredService<IEmailPlatform>());
        Assert.Same(provider.GetRequiredService<SmtpEmailPlatform>(), platforms.For(account));
        Assert.Same(provider.GetRequiredService<IEmailPlatform>(), platforms.For(Guid.NewGuid()));
        Assert.Equal(_dataFolder, provider.GetRequiredService<IOptions<SmtpPlatformOptions>>().Value.DataFolder);
        Assert.NotNull(provider.GetService<EmailConnector.Worker.Tracking.TrackingListener>());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task AddEmailConnectorPlatform_WhenDotdigitalAgainstTheDouble_MovesACampaignActivityFromTransferToReactionsInCrm()
    {
        await using var front = await WorkerFront.StartAsync();
        await using var vendor = await DotdigitalVendor.StartAsync(front);
        var service = front.Service;
        var people = new[] { "Ann", "Bob", "Cid" }.ToDictionary(n => n, n => service.Create(new Entity("contact")
        {
            ["firstname"] = "Pat", ["lastname"] = n, ["emailaddress1"] = n.ToLowerInvariant() + "@example.com",
        }));
        var activityId = front.EmailActivity(listName: "Spring");
        service.Update(new Entity("campaignactivity", activityId) { [CampaignActivityColumns.ResponseMode] = new OptionSetValue((int)ResponseMode.ClicksAndOpens) });
        var list = service.Create(new Entity("list") { ["listname"] = "Newsletter", ["createdfromcode"] = new OptionSetValue(2), ["type"] = false });
        service.Execute(new OrganizationRequest("AddListMembersList") { ["ListId"] = list, ["MemberIds"] = people.Values.ToArray() });
        service.Execute(new OrganizationRequest("AddItemCampaignActivity") { ["CampaignActivityId"] = activityId, ["ItemId"] = list, ["EntityName"] = "list" });
        var worker = front.Worker("worker-a", vendor.Settings, vendor.Configure());
        Assert.IsType<DotdigitalPlatform>(worker.GetRequiredService<IEmailPlatform>());

        // Transfer: EnsureList and TransferRecipients through the queue, the adapter and real HTTP.
        service.Execute(new OrganizationRequest(CustomApiNames.StartTransfer.Name) { ["Target"] = new EntityReference("campaignactivity", activityId) });
        var processor = worker.GetRequiredService<QueueProcessor>();
        while (await processor.DrainOnceAsync(CancellationToken.None) > 0)
        {
        }

        var activity = service.Retrieve("campaignactivity", activityId, new ColumnSet(
            CampaignActivityColumns.TransferState, CampaignActivityColumns.TransferredCount, CampaignActivityColumns.PlatformListId));
        Assert.Equal((int)TransferState.Transferred, activity.GetAttributeValue<OptionSetValue>(CampaignActivityColumns.TransferState).Value);
        Assert.Equal(3, activity.GetAttributeValue<int>(CampaignActivityColumns.TransferredCount));
        var bookId = activity.GetAttributeValue<string>(CampaignActivityColumns.PlatformListId);
        var book = await vendor.Api.GetFromJsonAsync<JsonObject>($"v2/address-books/{bookId}");
        Assert.Equal(("Spring", 3), (book!["name"]!.GetValue<string>(), book["contacts"]!.GetValue<int>()));
        foreach (var (name, id) in people)
        {
            // Keyed by the CRM record (the custom identifier), not by the address.
            var contact = await vendor.Api.GetFromJsonAsync<JsonObject>($"contacts/v3/CRMRECORDID/{Uri.EscapeDataString(new RecordReference("contact", id).ToString())}");
            Assert.Equal(name.ToLowerInvariant() + "@example.com", contact!["identifiers"]!["email"]!.GetValue<string>());
            Assert.Contains(contact["lists"]!.AsArray(), l => l!["id"]!.ToString() == bookId && l["status"]!.GetValue<string>() == "subscribed");
        }

        // The mailing goes out at the vendor and the recipients react there.
        var campaign = (await vendor.ControlAsync("send", new { addressBookIds = new[] { int.Parse(bookId, System.Globalization.CultureInfo.InvariantCulture) } }))["campaignId"]!.GetValue<int>();
        front.Clock.Advance(TimeSpan.FromMinutes(5));
        await React("open", "Ann");
        front.Clock.Advance(TimeSpan.FromMinutes(1));
        await React("click", "Ann", "https://www.example.com/offer");
        await React("hardbounce", "Bob");
        await React("unsubscribe", "Cid");
        // The double runs on the front's clock: one advance moves the vendor, the emulator and the worker.
        front.Clock.Advance(TimeSpan.FromMinutes(5));

        var failed = await worker.GetRequiredService<ReactionScheduler>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(0, failed);
        var response = Assert.Single(front.Organization.Rows(CampaignResponseColumns.EntityName));
        Assert.Equal(EmailConnector.Core.Reactions.CampaignResponseRules.ResponseKey(activityId, new RecordReference("contact", people["Ann"])), response.GetAttributeValue<string>(CampaignResponseColumns.ResponseKey));
        Assert.Equal((1, 1), (response.GetAttributeValue<int>(CampaignResponseColumns.OpenCount), response.GetAttributeValue<int>(CampaignResponseColumns.ClickCount)));
        Assert.Equal("https://www.example.com/offer", response.GetAttributeValue<string>(CampaignResponseColumns.LastClickedUrl));
        var bob = service.Retrieve("contact", people["Bob"], new ColumnSet(RecipientColumns.EmailInvalid, RecipientColumns.BounceCategory, RecipientColumns.HardBounceCount, "donotbulkemail"));
        Assert.True(bob.GetAttributeValue<bool>(RecipientColumns.EmailInvalid));
        Assert.Equal((int)BounceCategory.Hard, bob.GetAttributeValue<OptionSetValue>(RecipientColumns.BounceCategory).Value);
        Assert.Equal(1, bob.GetAttributeValue<int>(RecipientColumns.HardBounceCount));
        Assert.False(bob.GetAttributeValue<bool>("donotbulkemail"));
        var cid = service.Retrieve("contact", people["Cid"], new ColumnSet("donotbulkemail", RecipientColumns.EmailInvalid));
        Assert.True(cid.GetAttributeValue<bool>("donotbulkemail"));
        Assert.False(cid.GetAttributeValue<bool>(RecipientColumns.EmailInvalid));
        var suppression = Assert.Single(front.Organization.Rows(Suppression.EntityName));
        Assert.Equal("cid@example.com", suppression.GetAttributeValue<string>(Suppression.EmailAddress));
        Assert.Equal((int)SuppressionReason.Unsubscribed, suppression.GetAttributeValue<OptionSetValue>(Suppression.Reason).Value);
        Assert.Equal((int)SuppressionSource.EmailPlatform, suppression.GetAttributeValue<OptionSetValue>(Suppression.Source).Value);
        Assert.False(service.Retrieve("contact", people["Ann"], new ColumnSet("donotbulkemail")).GetAttributeValue<bool>("donotbulkemail"));
        vendor.AssertExchangesMatchOpenApi();

        async Task React(string kind, string person, string? url = null) =>
            await vendor.ControlAsync("reactions", new { kind, campaignId = campaign, record = new RecordReference("contact", people[person]).ToString(), url });
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataFolder))
            Directory.Delete(_dataFolder, recursive: true);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        PlatformServices.Build(settings, (services, configuration) => services.AddEmailConnectorPlatform(configuration));
}
