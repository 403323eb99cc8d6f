using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;
using EmailConnector.Platforms.Dotdigital.Double;
using EmailConnector.Platforms.Dotdigital.Tests.Support;
using EmailConnector.Testing;
using Microsoft.Extensions.Time.Testing;

namespace EmailConnector.Platforms.Dotdigital.Tests.Mailings;

/// <summary>Sending from CRM without ever sending twice, scheduled sends, refusals, key figures (scenarios 18, 20, 27, 30), campaign content.</summary>
public sealed class MailingsTests : HarnessTests
{
    [Fact]
    public async Task SendMailing_SendAppliedButAnswerLost_DoesNotSendTwice()
    {
        var (list, request) = await ListWithRecipientsAsync(3);
        await Harness.Script.PostAsync("faults", new FaultRule { Method = "POST", PathPrefix = "/v2/campaigns/send", Kind = "commit-then-status", Status = 504 });

        var handle = await Platform.SendMailingAsync(request, None);
        var again = await Platform.SendMailingAsync(request, None);

        Assert.True(handle.Created);
        Assert.False(again.Created);
        Assert.Equal(handle.MailingId, again.MailingId);
        Assert.Equal(1, Harness.Vendor.Statistics.RequestsByRoute["POST /v2/campaigns/send"]);
        Assert.Equal(3, (await SendsAsync()).Count);
    }

    [Fact]
    public async Task SendMailing_CreateAppliedButAnswerLost_ReusesTheCampaign()
    {
        var (_, request) = await ListWithRecipientsAsync(2);
        await Harness.Script.PostAsync("faults", new FaultRule { Method = "POST", PathPrefix = "/v2/campaigns", Kind = "commit-then-status", Status = 502 });

        var handle = await Platform.SendMailingAsync(request, None);

        Assert.True(handle.Created);
        Assert.Equal(1, Harness.Vendor.Statistics.RequestsByRoute["POST /v2/campaigns"]);
        Assert.Equal(2, (await SendsAsync()).Count);
    }

    [Fact]
    public async Task SendMailing_ServerErrorBeforeTheSend_ChecksThenSendsOnce()
    {
        var (_, request) = await ListWithRecipientsAsync(2);
        await Harness.Script.PostAsync("faults", new FaultRule { Method = "POST", PathPrefix = "/v2/campaigns/send", Kind = "status", Status = 503 });

        await Platform.SendMailingAsync(request, None);

        Assert.Equal(2, Harness.Vendor.Statistics.RequestsByRoute["POST /v2/campaigns/send"]);
        Assert.Equal(2, (await SendsAsync()).Count);
    }

    [Fact]
    public async Task SendMailing_ScheduledInTheFuture_StaysScheduledUntilTheClockPassesIt()
    {
        var (list, request) = await ListWithRecipientsAsync(2);

        var handle = await Platform.SendMailingAsync(request with { SendAt = Time.GetUtcNow().AddHours(2) }, None);
        var before = await Platform.GetKeyFiguresAsync(list, None);
        Time.Advance(TimeSpan.FromHours(3));
        var after = await Platform.GetKeyFiguresAsync(list, None);

        Assert.Equal(MailingStatus.Scheduled, handle.Status);
        Assert.Equal(0, before.Sent);
        Assert.Equal(2, after.Sent);
    }

    [Fact]
    public async Task SendMailing_AccountNotAllowedToSend_ThrowsPermanent()
    {
        var (_, request) = await ListWithRecipientsAsync(1);
        await Harness.Script.PostAsync("account", new { sendNotPermitted = true, requireSystemApproval = false });

        var thrown = await Assert.ThrowsAsync<PlatformPermanentException>(() => Platform.SendMailingAsync(request, None));

        Assert.Contains("ERROR_CAMPAIGN_SENDNOTPERMITTED", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMailing_CampaignHeldForSystemApproval_IsScheduledMailsNobodyAndIsNotSentAgain()
    {
        var (_, request) = await ListWithRecipientsAsync(2);
        await Harness.Script.PostAsync("account", new { sendNotPermitted = false, requireSystemApproval = true });

        var handle = await Platform.SendMailingAsync(request, None);
        var again = await Platform.SendMailingAsync(request, None);

        Assert.Equal(MailingStatus.Scheduled, handle.Status);
        Assert.False(again.Created);
        Assert.Equal(1, Harness.Vendor.Statistics.RequestsByRoute["POST /v2/campaigns/send"]);
        Assert.Empty(await SendsAsync());
    }

    [Fact]
    public async Task SendMailing_RecipientUnsubscribedOrErasedAfterTransfer_IsNotMailed()
    {
        var list = await Platform.EnsureListAsync(Some.ListDefinition(), None);
        var recipients = Some.Recipients(3);
        await Platform.ImportRecipientsAsync(list.Id, recipients, None);
        await Platform.UnsubscribeAsync(new UnsubscribeRequest(recipients[0].Record), None);
        await Platform.EraseRecipientAsync(recipients[1].Record, None);

        await Platform.SendMailingAsync(Request(list.Id), None);

        Assert.Equal(recipients[2].Record, Assert.Single(await SendsAsync()).Record);
        var suppressions = await Platform.GetSuppressionsAsync(new SuppressionQuery(), None);
        Assert.Contains(suppressions.Entries, e => e.Record == recipients[0].Record && e.Reason == SuppressionReason.Unsubscribed);
    }

    [Fact]
    public async Task GetKeyFigures_AfterReactions_EqualTheVendorSummary()
    {
        var (list, request) = await ListWithRecipientsAsync(4);
        var mailing = await Platform.SendMailingAsync(request, None);
        var sends = await SendsAsync();
        await Harness.Script.OpenAsync(mailing.MailingId, sends[0].Record!.Value);
        await Harness.Script.ClickAsync(mailing.MailingId, sends[0].Record!.Value, Some.Url());
        await Harness.Script.ComplainAsync(mailing.MailingId, sends[1].Record!.Value);
        await Harness.Script.BounceAsync(mailing.MailingId, sends[2].Record!.Value, "4.2.2", "Mailbox full");
        await Harness.Script.ReplyAsync(mailing.MailingId, sends[3].Record!.Value, automatic: false);

        var figures = await Platform.GetKeyFiguresAsync(list, None);

        Assert.Equal((4, 4, 1, 1, 1, 1), (figures.Sent, figures.Delivered, figures.Opens, figures.Clicks, figures.Complaints, figures.SoftBounces));
        Assert.Equal(1, figures.Replies);
        Assert.Equal(0.25, figures.ClickRate);
        Assert.NotNull(figures.FirstSentAt);
    }

    [Fact]
    public async Task GetMailingContent_MailingOfASendEvent_IsTheCampaignWithItsTagsAndOwnLinks()
    {
        var (_, request) = await ListWithRecipientsAsync(2);
        var html = "<p>Dear @FIRSTNAME@,</p><p><a href=\"https://www.example.com/spring?a=1&amp;b=2\">Our offer</a></p>";
        await Platform.SendMailingAsync(request with { HtmlBody = html }, None);
        var send = (await SendsAsync())[0];

        var content = await ((IMailingArchive)Platform).GetMailingContentAsync(send.MailingId!, None);

        Assert.NotNull(content);
        Assert.Equal(("Spring news", "news@example.com", "News"), (content.Subject, content.FromAddress, content.FromName));
        Assert.StartsWith(html, content.ImpersonalHtmlBody, StringComparison.Ordinal);
        Assert.Contains("$UNSUB$", content.ImpersonalHtmlBody, StringComparison.Ordinal);
        Assert.Equal(1, Harness.Vendor.Statistics.RequestsByRoute[$"GET /v2/campaigns/{send.MailingId}"]);
        if (DotdigitalHarness.OpenApiFolder is not null)
            Assert.True(Harness.Vendor.CheckedOperations.ContainsKey("GET /v2/campaigns/{id}"), "The campaign read was not checked against the OpenAPI files.");
    }

    [Fact]
    public async Task GetMailingContent_CampaignDotdigitalDoesNotKnow_ReturnsNull()
    {
        var content = await ((IMailingArchive)Platform).GetMailingContentAsync("424242", None);

        Assert.Null(content);
        Assert.Equal(1, Harness.Vendor.Statistics.RequestsByRoute["GET /v2/campaigns/424242"]);
    }

    [Fact]
    public async Task GetMailingContent_IdThatIsNoCampaignId_ReturnsNullWithoutAsking()
    {
        var before = Harness.Vendor.Statistics.Requests;

        var content = await ((IMailingArchive)Platform).GetMailingContentAsync("m-17", None);

        Assert.Null(content);
        Assert.Equal(before, Harness.Vendor.Statistics.Requests);
    }

    private async Task<(string ListId, MailingRequest Request)> ListWithRecipientsAsync(int count)
    {
        var list = await Platform.EnsureListAsync(Some.ListDefinition(), None);
        await Platform.ImportRecipientsAsync(list.Id, Some.Recipients(count), None);
        return (list.Id, Request(list.Id));
    }

    private static MailingRequest Request(string listId) =>
        new(Some.String("activity"), listId, "Spring news", "news@example.com", "News", "reply@example.com", "<p>Hello</p>");

    private async Task<IReadOnlyList<ReactionEvent>> SendsAsync()
    {
        Time.Advance(TimeSpan.FromMinutes(1));
        var page = await Platform.ReadReactionsAsync(new ReactionFeedRequest(ReactionFeed.Sends, null), None);
        Assert.False(page.HasMore);
        return page.Events;
    }
}
