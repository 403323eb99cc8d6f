using EmailConnector.Core;
using EmailConnector.Core.Reactions;
using EmailConnector.Schema;
using EmailConnector.Testing;
using EmailConnector.Worker.Reactions;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using SuppressionReason = EmailConnector.Schema.SuppressionReason;

namespace EmailConnector.Worker.Tests.Reactions;

public sealed class ReactionWriteBackTests
{
    private const string ListId = "list-1";

    [Fact]
    public async Task Write_MachineClickWithoutResponse_CreatesNothing()
    {
        await using var front = await WorkerFront.StartAsync();
        var (writeBack, account, contact) = Setup(front);

        await writeBack.WriteAsync(account, [Event("e1", ReactionKind.Click, contact) with { Url = "https://example.com", IsMachine = true }], CancellationToken.None);

        Assert.Empty(front.Organization.Rows(CampaignResponseColumns.EntityName));
        Assert.Empty(front.Organization.Rows(EmailClick.EntityName));
    }

    [Fact]
    public async Task Write_EveryClickSamePageTwice_LeavesOneResponseWithOneClickRow()
    {
        await using var front = await WorkerFront.StartAsync();
        var (writeBack, account, contact) = Setup(front, ClickDetail.EveryClick);
        var page = new[] { Event("e1", ReactionKind.Click, contact) with { Url = "https://example.com/x" } };

        await writeBack.WriteAsync(account, page, CancellationToken.None);
        await writeBack.WriteAsync(account, page, CancellationToken.None);

        var response = Assert.Single(front.Organization.Rows(CampaignResponseColumns.EntityName));
        Assert.Equal(1, response.GetAttributeValue<int>(CampaignResponseColumns.ClickCount));
        Assert.Single(front.Organization.Rows(EmailClick.EntityName));
    }

    [Fact]
    public async Task Write_CountsOnly_CountsTheClicksWithoutClickRows()
    {
        await using var front = await WorkerFront.StartAsync();
        var (writeBack, account, contact) = Setup(front, ClickDetail.CountsOnly);

        await writeBack.WriteAsync(account,
        [
            Event("e1", ReactionKind.Click, contact) with { Url = "https://example.com/a" },
            Event("e2", ReactionKind.Click, contact) with { Url = "https://example.com/b", OccurredAt = WorkerFront.Start.AddMinutes(2) },
        ], CancellationToken.None);
        await writeBack.WriteAsync(account, [Event("e3", ReactionKind.Click, contact) with { Url = "https://example.com/c", OccurredAt = WorkerFront.Start.AddMinutes(5) }], CancellationToken.None);

        var response = Assert.Single(front.Organization.Rows(CampaignResponseColumns.EntityName));
        Assert.Equal(3, response.GetAttributeValue<int>(CampaignResponseColumns.ClickCount));
        Assert.Equal("https://example.com/c", response.GetAttributeValue<string>(CampaignResponseColumns.LastClickedUrl));
        Assert.Equal(WorkerFront.Start.AddMinutes(5).UtcDateTime, response.GetAttributeValue<DateTime>(CampaignResponseColumns.LastClickOn));
        Assert.Empty(front.Organization.Rows(EmailClick.EntityName));
    }

    [Fact]
    public async Task Write_CountsOnlySamePagesAgain_DoesNotCountTheClicksTwice()
    {
        await using var front = await WorkerFront.StartAsync();
        var (writeBack, account, contact) = Setup(front, ClickDetail.CountsOnly);
        var first = new[] { Event("e1", ReactionKind.Click, contact) with { Url = "https://example.com/a" } };
        var second = new[] { Event("e2", ReactionKind.Click, contact) with { Url = "https://example.com/b", OccurredAt = WorkerFront.Start.AddMinutes(1) } };

        await writeBack.WriteAsync(account, first, CancellationToken.None);
        await writeBack.WriteAsync(account, second, CancellationToken.None);
        // A replay from an older cursor, with the platform repeating events inside a page, too.
        await writeBack.WriteAsync(account, [.. first, .. second, .. first], CancellationToken.None);

        var response = Assert.Single(front.Organization.Rows(CampaignResponseColumns.EntityName));
        Assert.Equal(2, response.GetAttributeValue<int>(CampaignResponseColumns.ClickCount));
        Assert.Equal("https://example.com/b", response.GetAttributeValue<string>(CampaignResponseColumns.LastClickedUrl));
    }

    [Fact]
    public async Task Write_CountsOnlyClickOlderThanTheLatestOpen_IsStillCounted()
    {
        await using var front = await WorkerFront.StartAsync();
        var (writeBack, account, contact) = Setup(front, ClickDetail.CountsOnly);
        OpensCount(front);

        // The opens feed is written first and brings a newer open than the click the clicks feed brings next.
        await writeBack.WriteAsync(account, [Event("e1", ReactionKind.Open, contact) with { OccurredAt = WorkerFront.Start.AddMinutes(10) }], CancellationToken.None);
        await writeBack.WriteAsync(account, [Event("e2", ReactionKind.Click, contact) with { Url = "https://example.com/early", OccurredAt = WorkerFront.Start.AddMinutes(1) }], CancellationToken.None);

        var response = Assert.Single(front.Organization.Rows(CampaignResponseColumns.EntityName));
        Assert.Equal(1, response.GetAttributeValue<int>(CampaignResponseColumns.OpenCount));
        Assert.Equal(1, response.GetAttributeValue<int>(CampaignResponseColumns.ClickCount));
        Assert.Equal("https://example.com/early", response.GetAttributeValue<string>(CampaignResponseColumns.LastClickedUrl));
        Assert.Equal(WorkerFront.Start.AddMinutes(10).UtcDateTime, response.GetAttributeValue<DateTime>(CampaignResponseColumns.LastReactionOn));
    }

    [Fact]
    public async Task Write_EveryClick_KeepsOneRowPerClickAndCountsFromThem()
    {
        await using var front = await WorkerFront.StartAsync();
        var (writeBack, account, contact) = Setup(front, ClickDetail.EveryClick);

        await writeBack.WriteAsync(account,
        [
            Event("e1", ReactionKind.Click, contact) with { Url = "https://example.com/a" },
            Event("e2", ReactionKind.Click, contact) with { Url = "https://example.com/b", OccurredAt = WorkerFront.Start.AddMinutes(2) },
        ], CancellationToken.None);

        var response = Assert.Single(front.Organization.Rows(CampaignResponseColumns.EntityName));
        Assert.Equal(2, response.GetAttributeValue<int>(CampaignResponseColumns.ClickCount));
        Assert.Equal(WorkerFront.Start.AddMinutes(2).UtcDateTime, response.GetAttributeValue<DateTime>(CampaignResponseColumns.LastClickOn));
        var rows = front.Organization.Rows(EmailClick.EntityName);
        Assert.Equal(["https://example.com/a", "https://example.com/b"], rows.Select(r => r.GetAttributeValue<string>(EmailClick.Url)).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(response.Id, r.GetAttributeValue<EntityReference>(EmailClick.CampaignResponseId).Id));
    }

    [Theory]
    [InlineData(null, ClickDetail.CountsOnly)]
    [InlineData(ClickDetail.CountsOnly, ClickDetail.CountsOnly)]
    [InlineData(ClickDetail.EveryClick, ClickDetail.EveryClick)]
    public async Task ReadClickDetail_AccountSetting_UnsetIsCountsOnly(ClickDetail? stored, ClickDetail expected)
    {
        await using var front = await WorkerFront.StartAsync();
        var (writeBack, account, _) = Setup(front, stored);

        Assert.Equal(expected, await writeBack.ReadClickDetailAsync(account, CancellationToken.None));
    }

    [Fact]
    public async Task Write_Complaint_OptsOutAndSuppressesWithReasonComplaint()
    {
        await using var front = await WorkerFront.StartAsync();
        var (writeBack, account, contact) = Setup(front);

        await writeBack.WriteAsync(account, [Event("e1", ReactionKind.Complaint, contact) with { EmailAddress = "Ann@Example.com" }], CancellationToken.None);

        Assert.True(front.Service.Retrieve("contact", contact.Id, new ColumnSet("donotbulkemail")).GetAttributeValue<bool>("donotbulkemail"));
        var suppression = Assert.Single(front.Organization.Rows(Suppression.EntityName));
        Assert.Equal("ann@example.com", suppression.GetAttributeValue<string>(Suppression.EmailAddress));
        Assert.Equal((int)SuppressionReason.Complaint, suppression.GetAttributeValue<OptionSetValue>(Suppression.Reason).Value);
    }

    [Fact]
    public async Task Write_HardBounceOfALead_FlagsTheLead()
    {
        await using var front = await WorkerFront.StartAsync();
        var (writeBack, account, _) = Setup(front);
        var lead = new RecordReference("lead", front.Service.Create(new Entity("lead") { ["lastname"] = "Lee", ["emailaddress1"] = "lee@example.com" }));

        await writeBack.WriteAsync(account, [Event("e1", ReactionKind.Bounce, lead) with { BounceCategory = Core.Reactions.BounceCategory.Hard }], CancellationToken.None);

        var row = front.Service.Retrieve("lead", lead.Id, new ColumnSet(RecipientColumns.EmailInvalid, RecipientColumns.HardBounceCount));
        Assert.True(row.GetAttributeValue<bool>(RecipientColumns.EmailInvalid));
        Assert.Equal(1, row.GetAttributeValue<int>(RecipientColumns.HardBounceCount));
    }

    [Fact]
    public async Task Write_HardThenSoftBounceOfAnAccount_FlagsTheAccountAndCountsBoth()
    {
        await using var front = await WorkerFront.StartAsync();
        var (writeBack, account, _) = Setup(front);
        var office = new RecordReference("account", Seed.Account(front.Service, "Contoso", "office@contoso.example"));

        await writeBack.WriteAsync(account,
        [
            Event("e1", ReactionKind.Bounce, office) with { BounceCategory = Core.Reactions.BounceCategory.Hard },
            Event("e2", ReactionKind.Bounce, office) with { BounceCategory = Core.Reactions.BounceCategory.Soft, OccurredAt = WorkerFront.Start.AddMinutes(5) },
        ], CancellationToken.None);

        var row = front.Service.Retrieve("account", office.Id, new ColumnSet(
            RecipientColumns.EmailInvalid, RecipientColumns.HardBounceCount, RecipientColumns.SoftBounceCount, RecipientColumns.BounceCategory, RecipientColumns.LastBounceOn));
        Assert.True(row.GetAttributeValue<bool>(RecipientColumns.EmailInvalid));
        Assert.Equal(1, row.GetAttributeValue<int>(RecipientColumns.HardBounceCount));
        Assert.Equal(1, row.GetAttributeValue<int>(RecipientColumns.SoftBounceCount));
        Assert.Equal((int)Schema.BounceCategory.Soft, row.GetAttributeValue<OptionSetValue>(RecipientColumns.BounceCategory).Value);
        Assert.Equal(WorkerFront.Start.AddMinutes(5).UtcDateTime, row.GetAttributeValue<DateTime>(RecipientColumns.LastBounceOn));
    }

    [Fact]
    public async Task Write_GlobalUnsubscribeOfAnAccount_SetsDoNotBulkEmailAndSuppressesTheAddress()
    {
        await using var front = await WorkerFront.StartAsync();
        var (writeBack, account, _) = Setup(front);
        var office = new RecordReference("account", Seed.Account(front.Service, "Contoso", "Office@Contoso.example"));

        await writeBack.WriteAsync(account, [Event("e1", ReactionKind.Unsubscribe, office) with { UnsubscribeScope = UnsubscribeScope.Global }], CancellationToken.None);

        Assert.True(front.Service.Retrieve("account", office.Id, new ColumnSet("donotbulkemail")).GetAttributeValue<bool>("donotbulkemail"));
        var suppression = Assert.Single(front.Organization.Rows(Suppression.EntityName));
        Assert.Equal("office@contoso.example", suppression.GetAttributeValue<string>(Suppression.EmailAddress));
        Assert.Equal((int)SuppressionReason.Unsubscribed, suppression.GetAttributeValue<OptionSetValue>(Suppression.Reason).Value);
    }

    [Fact]
    public async Task Write_ClickAtTheSameInstantAsAnOpenWrittenBefore_KeepsItsUrl()
    {
        await using var front = await WorkerFront.StartAsync();
        var (writeBack, account, contact) = Setup(front);
        OpensCount(front);

        // The opens feed is written before the clicks feed; both events carry the same platform timestamp.
        await writeBack.WriteAsync(account, [Event("e1", ReactionKind.Open, contact)], CancellationToken.None);
        await writeBack.WriteAsync(account, [Event("e2", ReactionKind.Click, contact) with { Url = "https://example.com/offer" }], CancellationToken.None);
        await writeBack.WriteAsync(account, [Event("e2", ReactionKind.Click, contact) with { Url = "https://example.com/offer" }], CancellationToken.None);

        var response = Assert.Single(front.Organization.Rows(CampaignResponseColumns.EntityName));
        Assert.Equal("https://example.com/offer", response.GetAttributeValue<string>(CampaignResponseColumns.LastClickedUrl));
        Assert.Equal(1, response.GetAttributeValue<int>(CampaignResponseColumns.OpenCount));
        Assert.Equal(1, response.GetAttributeValue<int>(CampaignResponseColumns.ClickCount));
    }

    [Theory]
    [InlineData(ClickDetail.CountsOnly)]
    [InlineData(ClickDetail.EveryClick)]
    public async Task Write_MixedPageDeliveredTwice_LeavesEveryRowAsAfterTheFirstDelivery(ClickDetail detail)
    {
        await using var front = await WorkerFront.StartAsync();
        var (writeBack, account, ann) = Setup(front, detail);
        var (bob, cid) = (Contact(front, "Bob"), Contact(front, "Cid"));
        OpensCount(front);
        var page = MixedPage(ann, bob, cid);

        await writeBack.WriteAsync(account, page, CancellationToken.None);
        var once = RowsOf(front);
        await writeBack.WriteAsync(account, page, CancellationToken.None);
        // A platform that repeats events inside one page, too.
        await writeBack.WriteAsync(account, [.. page, .. page], CancellationToken.None);

        Assert.Equal(once, RowsOf(front));
        AssertOneOfEach(front, ann, bob, detail);
    }

    [Theory]
    [InlineData(ClickDetail.CountsOnly)]
    [InlineData(ClickDetail.EveryClick)]
    public async Task Write_SamePageFromTwoWorkersAtOnce_CreatesNoDuplicateRow(ClickDetail detail)
    {
        await using var front = await WorkerFront.StartAsync();
        var (writeBack, account, ann) = Setup(front, detail);
        var other = front.Worker("worker-b").GetRequiredService<ReactionWriteBack>();
        var (bob, cid) = (Contact(front, "Bob"), Contact(front, "Cid"));
        OpensCount(front);
        var page = MixedPage(ann, bob, cid);

        await Task.WhenAll(
            Task.Run(() => writeBack.WriteAsync(account, page, CancellationToken.None)),
            Task.Run(() => other.WriteAsync(account, page, CancellationToken.None)));

        AssertOneOfEach(front, ann, bob, detail);
    }

    // Ann opens and clicks twice; Bob hard-bounces and complains; Cid leaves the list and unsubscribes globally.
    private static ReactionEvent[] MixedPage(RecordReference ann, RecordReference bob, RecordReference cid) =>
    [
        Event("e1", ReactionKind.Open, ann),
        Event("e2", ReactionKind.Click, ann) with { Url = "https://example.com/a" },
        Event("e3", ReactionKind.Click, ann) with { Url = "https://example.com/b", OccurredAt = WorkerFront.Start.AddMinutes(1) },
        Event("e4", ReactionKind.Bounce, bob) with { BounceCategory = Core.Reactions.BounceCategory.Hard, EmailAddress = "bob@example.com" },
        Event("e5", ReactionKind.Complaint, bob) with { EmailAddress = "bob@example.com", OccurredAt = WorkerFront.Start.AddMinutes(2) },
        Event("e6", ReactionKind.Unsubscribe, cid) with { UnsubscribeScope = UnsubscribeScope.List, EmailAddress = "cid@example.com" },
        Event("e7", ReactionKind.Unsubscribe, cid) with { UnsubscribeScope = UnsubscribeScope.Global, EmailAddress = "cid@example.com", OccurredAt = WorkerFront.Start.AddMinutes(3) },
    ];

    private static void AssertOneOfEach(WorkerFront front, RecordReference ann, RecordReference bob, ClickDetail detail)
    {
        var responses = front.Organization.Rows(CampaignResponseColumns.EntityName);
        Assert.Equal(responses.Count, responses.Select(r => r.GetAttributeValue<string>(CampaignResponseColumns.ResponseKey)).Distinct(StringComparer.Ordinal).Count());
        var activity = Assert.Single(front.Organization.Rows("campaignactivity")).Id;
        var annResponse = Assert.Single(responses, r => r.GetAttributeValue<string>(CampaignResponseColumns.ResponseKey) == CampaignResponseRules.ResponseKey(activity, ann));
        Assert.Equal(1, annResponse.GetAttributeValue<int>(CampaignResponseColumns.OpenCount));
        Assert.Equal(2, annResponse.GetAttributeValue<int>(CampaignResponseColumns.ClickCount));
        Assert.Equal(detail == ClickDetail.EveryClick ? 2 : 0, front.Organization.Rows(EmailClick.EntityName).Count);
        var suppressions = front.Organization.Rows(Suppression.EntityName).Select(r => r.GetAttributeValue<string>(Suppression.EmailAddress)).Order(StringComparer.Ordinal);
        Assert.Equal(["bob@example.com", "cid@example.com"], suppressions);
        Assert.Single(front.Organization.Rows(ListUnsubscribe.EntityName));
        var bobRow = front.Service.Retrieve("contact", bob.Id, new ColumnSet(RecipientColumns.HardBounceCount, RecipientColumns.EmailInvalid, "donotbulkemail"));
        Assert.Equal(1, bobRow.GetAttributeValue<int>(RecipientColumns.HardBounceCount));
        Assert.True(bobRow.GetAttributeValue<bool>("donotbulkemail"));
    }

    private static string RowsOf(WorkerFront front)
    {
        static string Line(Entity row) => row.Id + ":" + string.Join(",", row.Attributes
            .Where(a => a.Key is not ("modifiedon" or "versionnumber" or "modifiedby"))
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => a.Key + "=" + a.Value switch
            {
                OptionSetValue o => o.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                OptionSetValueCollection m => string.Join("|", m.Select(x => x.Value).Order()),
                EntityReference r => r.Id.ToString(),
                var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
            }));
        return string.Join("\n", new[] { CampaignResponseColumns.EntityName, EmailClick.EntityName, Suppression.EntityName, ListUnsubscribe.EntityName, "contact" }
            .SelectMany(table => front.Organization.Rows(table).Select(Line)).Order(StringComparer.Ordinal));
    }

    private static void OpensCount(WorkerFront front) =>
        front.Service.Update(new Entity("campaignactivity", Assert.Single(front.Organization.Rows("campaignactivity")).Id)
        {
            [CampaignActivityColumns.ResponseMode] = new OptionSetValue((int)EmailConnector.Schema.ResponseMode.ClicksAndOpens),
        });

    private static RecordReference Contact(WorkerFront front, string name) =>
        new("contact", front.Service.Create(new Entity("contact") { ["lastname"] = name, ["emailaddress1"] = name.ToLowerInvariant() + "@example.com" }));

    [Fact]
    public async Task Write_NewResponse_HasTheRecipientAsItsCustomerOnce()
    {
        await using var front = await WorkerFront.StartAsync();
        var (writeBack, account, contact) = Setup(front);

        await writeBack.WriteAsync(account, [Event("e1", ReactionKind.Click, contact) with { Url = "https://example.com/x" }], CancellationToken.None);
        await writeBack.WriteAsync(account, [Event("e2", ReactionKind.Click, contact) with { Url = "https://example.com/y", OccurredAt = WorkerFront.Start.AddMinutes(1) }], CancellationToken.None);

        var response = Assert.Single(front.Organization.Rows(CampaignResponseColumns.EntityName));
        Assert.Equal(2, response.GetAttributeValue<int>(CampaignResponseColumns.ClickCount));
        var customer = Assert.Single(front.Organization.Rows("activityparty"), p =>
            p.GetAttributeValue<EntityReference>("activityid").Id == response.Id && p.GetAttributeValue<OptionSetValue>("participationtypemask").Value == 11);
        Assert.Equal(new EntityReference("contact", contact.Id), customer.GetAttributeValue<EntityReference>("partyid"));
    }

    [Fact]
    public async Task Write_NewResponses_AreOneCreateMultipleCarryingTheirCustomers()
    {
        await using var front = await WorkerFront.StartAsync();
        var (writeBack, account, ann) = Setup(front);
        var (bob, cid) = (Contact(front, "Bob"), Contact(front, "Cid"));
        front.Server.Requests.Clear();

        await writeBack.WriteAsync(account, [
            Event("e1", ReactionKind.Click, ann) with { Url = "https://example.com/a" },
            Event("e2", ReactionKind.Click, bob) with { Url = "https://example.com/b" },
            Event("e3", ReactionKind.Click, cid) with { Url = "https://example.com/c" }], CancellationToken.None);

        var writes = front.Server.Requests.Entries.Where(r => r.Method == "POST").Select(r => r.Target).ToList();
        Assert.Single(writes, t => t.Contains("campaignresponses/Microsoft.Dynamics.CRM.CreateMultiple", StringComparison.Ordinal));
        Assert.DoesNotContain(writes, t => t.Contains("$batch", StringComparison.Ordinal));
        var customers = front.Organization.Rows(CampaignResponseColumns.EntityName).Select(r => Assert.Single(front.Organization.Rows("activityparty"), p =>
            p.GetAttributeValue<EntityReference>("activityid").Id == r.Id && p.GetAttributeValue<OptionSetValue>("participationtypemask").Value == 11).GetAttributeValue<EntityReference>("partyid").Id);
        Assert.Equal(new[] { ann.Id, bob.Id, cid.Id }.Order(), customers.Order());
    }

    [Fact]
    public async Task Write_ListUnsubscribesOfSeveralPeople_OneUpsertMultipleAndNoneTwice()
    {
        await using var front = await WorkerFront.StartAsync();
        var (writeBack, account, ann) = Setup(front);
        var bob = Contact(front, "Bob");
        var page = new[]
        {
            Event("e1", ReactionKind.Unsubscribe, ann) with { UnsubscribeScope = UnsubscribeScope.List },
            Event("e2", ReactionKind.Unsubscribe, bob) with { UnsubscribeScope = UnsubscribeScope.List },
        };
        front.Server.Requests.Clear();

        await writeBack.WriteAsync(account, page, CancellationToken.None);
        await writeBack.WriteAsync(account, [Event("e3", ReactionKind.Unsubscribe, ann) with { UnsubscribeScope = UnsubscribeScope.List, OccurredAt = WorkerFront.Start.AddDays(1) }], CancellationToken.None);

        Assert.Single(front.Server.Requests.Entries, r => r.Method == "POST" && r.Target.Contains("ec_listunsubscribes/Microsoft.Dynamics.CRM.UpsertMultiple", StringComparison.Ordinal));
        var rows = front.Organization.Rows(ListUnsubscribe.EntityName);
        Assert.Equal(2, rows.Count);
        var annRow = Assert.Single(rows, r => r.GetAttributeValue<EntityReference>(ListUnsubscribe.ContactId)?.Id == ann.Id);
        Assert.Equal(WorkerFront.Start.UtcDateTime, annRow.GetAttributeValue<DateTime>(ListUnsubscribe.UnsubscribedOn));
    }

    [Fact]
    public async Task Write_GlobalUnsubscribeOfATransferredContact_OptsOutWithoutQueueingItBackToThePlatform()
    {
        await using var front = await WorkerFront.StartAsync();
        var (writeBack, account, ann) = Setup(front);
        front.Service.Update(new Entity("contact", ann.Id) { [RecipientColumns.SyncStatus] = new OptionSetValue((int)SyncStatus.Synced) });

        await writeBack.WriteAsync(account, [Event("e1", ReactionKind.Unsubscribe, ann) with { UnsubscribeScope = UnsubscribeScope.Global, EmailAddress = "ann@example.com" }], CancellationToken.None);

        Assert.True(front.Service.Retrieve("contact", ann.Id, new ColumnSet("donotbulkemail")).GetAttributeValue<bool>("donotbulkemail"));
        Assert.Single(front.Organization.Rows(Suppression.EntityName));
        Assert.Empty(ConsentRequests(front));
        // The same change made by a person in CRM is queued, so the test above is not passing for another reason.
        var bob = Contact(front, "Bob");
        front.Service.Update(new Entity("contact", bob.Id) { [RecipientColumns.SyncStatus] = new OptionSetValue((int)SyncStatus.Synced) });
        front.Service.Update(new Entity("contact", bob.Id) { ["donotbulkemail"] = true });
        Assert.Equal(bob.Id.ToString("D"), Assert.Single(ConsentRequests(front)).GetAttributeValue<string>(SyncRequest.TargetId));
    }

    private static List<Entity> ConsentRequests(WorkerFront front) =>
        front.SyncRequests().Where(r => r.GetAttributeValue<OptionSetValue>(SyncRequest.Operation).Value == (int)SyncOperation.ConsentChanged).ToList();

    [Fact]
    public async Task Write_Page_ReturnsTheCampaignActivitiesItsEventsBelongTo()
    {
        await using var front = await WorkerFront.StartAsync();
        var (writeBack, account, contact) = Setup(front);
        var activity = Assert.Single(front.Organization.Rows(CampaignActivityColumns.EntityName)).Id;

        var touched = await writeBack.WriteAsync(account,
            [Event("e1", ReactionKind.Open, contact), Event("e2", ReactionKind.Open, contact) with { ListId = "unknown-list" }], CancellationToken.None);

        Assert.Equal([activity], touched);
    }

    private static ReactionEvent Event(string id, ReactionKind kind, RecordReference record) => new()
    {
        EventId = id,
        Kind = kind,
        OccurredAt = WorkerFront.Start,
        Record = record,
        ListId = ListId,
    };

    private static (ReactionWriteBack WriteBack, Guid Account, RecordReference Contact) Setup(WorkerFront front, ClickDetail? detail = null)
    {
        var activity = front.EmailActivity();
        front.Service.Update(new Entity("campaignactivity", activity) { [CampaignActivityColumns.PlatformListId] = ListId });
        var account = front.Service.Retrieve("campaignactivity", activity, new ColumnSet(CampaignActivityColumns.PlatformAccountId))
            .GetAttributeValue<EntityReference>(CampaignActivityColumns.PlatformAccountId).Id;
        if (detail is { } clickDetail)
            front.Service.Update(new Entity(PlatformAccount.EntityName, account) { [PlatformAccount.ClickDetail] = new OptionSetValue((int)clickDetail) });
        var contact = new RecordReference("contact", front.Service.Create(new Entity("contact") { ["lastname"] = "Ann", ["emailaddress1"] = "ann@example.com" }));
        return (front.Worker("worker-a").GetRequiredService<ReactionWriteBack>(), account, contact);
    }
}
