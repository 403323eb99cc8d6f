using EmailConnector.Core;
using EmailConnector.Core.Reactions;
using EmailConnector.Schema;
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
    public async Task Write_SamePageTwice_LeavesOneResponseWithOneClick()
    {
        await using var front = await WorkerFront.StartAsync();
        var (writeBack, account, contact) = Setup(front);
        var page = new[] { Event("e1", ReactionKind.Click, contact) with { Url = "https://example.com/x" } };

        await writeBack.WriteAsync(account, page, CancellationToken.None);
        await writeBack.WriteAsync(account, page, CancellationToken.None);

        var response = Assert.Single(front.Organization.Rows(CampaignResponseColumns.EntityName));
        Assert.Equal(1, response.GetAttributeValue<int>(CampaignResponseColumns.ClickCount));
        Assert.Single(front.Organization.Rows(EmailClick.EntityName));
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

    private static (ReactionWriteBack WriteBack, Guid Account, RecordReference Contact) Setup(WorkerFront front)
    {
        var activity = front.EmailActivity();
        front.Service.Update(new Entity("campaignactivity", activity) { [CampaignActivityColumns.PlatformListId] = ListId });
        var account = front.Service.Retrieve("campaignactivity", activity, new ColumnSet(CampaignActivityColumns.PlatformAccountId))
            .GetAttributeValue<EntityReference>(CampaignActivityColumns.PlatformAccountId).Id;
        var contact = new RecordReference("contact", front.Service.Create(new Entity("contact") { ["lastname"] = "Ann", ["emailaddress1"] = "ann@example.com" }));
        return (front.Worker("worker-a").GetRequiredService<ReactionWriteBack>(), account, contact);
    }
}
