using System.Text;
using EmailConnector.Core.Reactions;
using EmailConnector.Platforms.Smtp.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EmailConnector.Platforms.Smtp.Tests.Intake;

/// <summary>Classification and attribution of what arrives in the bounce mailbox.</summary>
public sealed class InboundProcessorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData("failed", "5.1.1", "smtp; 550 5.1.1 <x@example.com>: Recipient address rejected: User unknown", BounceCategory.Hard)]
    [InlineData("failed", "5.7.1", "smtp; 554 5.7.1 Message rejected due to content restrictions (policy)", BounceCategory.Blocked)]
    [InlineData("failed", "5.2.2", "smtp; 552 5.2.2 Mailbox full", BounceCategory.Soft)]
    [InlineData("delayed", "4.4.1", "smtp; 421 4.4.1 connection timed out", BounceCategory.Soft)]
    [InlineData("failed", "5.0.0", "X-Unix; something odd happened", BounceCategory.Unknown)]
    public async Task Process_Dsn_IsClassifiedWithStatusAndDiagnostic(string action, string status, string diagnostic, BounceCategory expected)
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var message = await sent.MessageOfAsync(0);

        var kind = await ProcessAsync(sent, TestMessages.Dsn(message.EnvelopeSender, message.EnvelopeRecipient, action, status, diagnostic, "<" + message.Message.MessageId + ">"));

        var bounce = Assert.Single(await sent.FeedAsync(ReactionFeed.Bounces));
        Assert.Equal(action == "failed" ? "Bounce" : "Delay", kind);
        Assert.Equal(sent.Recipients[0].Record, bounce.Record);
        Assert.Equal(expected, bounce.BounceCategory);
        Assert.Equal(status, bounce.StatusCode);
        Assert.Equal(diagnostic, bounce.Diagnostic);
    }

    [Fact]
    public async Task Process_DsnWithoutTheVerpAddress_IsAttributedByTheReturnedMessageId()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var message = await sent.MessageOfAsync(1);

        await ProcessAsync(sent, TestMessages.Dsn("postmaster@bounces.example.com", message.EnvelopeRecipient, "failed", "5.1.1", "smtp; 550 5.1.1 unknown",
            "<" + message.Message.MessageId + ">", deliveredTo: false));

        Assert.Equal(sent.Recipients[1].Record, Assert.Single(await sent.FeedAsync(ReactionFeed.Bounces)).Record);
    }

    [Fact]
    public async Task Process_HardBounce_SuppressesTheAddress()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var message = await sent.MessageOfAsync(0);

        await ProcessAsync(sent, TestMessages.Dsn(message.EnvelopeSender, message.EnvelopeRecipient, "failed", "5.1.1", "smtp; 550 5.1.1 User unknown", "<" + message.Message.MessageId + ">"));

        var suppressions = await sent.Host.Platform.GetSuppressionsAsync(new Core.Platforms.SuppressionQuery(), CancellationToken.None);
        Assert.Equal(sent.Recipients[0].EmailAddress, Assert.Single(suppressions.Entries).EmailAddress);
    }

    [Fact]
    public async Task Process_SameMessageTwice_RecordsOneBounce()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var message = await sent.MessageOfAsync(0);
        var dsn = TestMessages.Dsn(message.EnvelopeSender, message.EnvelopeRecipient, "failed", "5.1.1", "smtp; 550 5.1.1 User unknown", "<" + message.Message.MessageId + ">");

        await sent.Host.Platform.ProcessInboundMessageAsync("maildir:one", dsn, CancellationToken.None);
        await sent.Host.Platform.ProcessInboundMessageAsync("maildir:one", dsn, CancellationToken.None);

        Assert.Single(await sent.FeedAsync(ReactionFeed.Bounces));
    }

    [Fact]
    public async Task Process_FeedbackReportWithRedactedRecipient_IsAComplaintThatOptsOut()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var message = await sent.MessageOfAsync(0);

        var kind = await ProcessAsync(sent, TestMessages.Complaint("fbl@bounces.example.com", message.EnvelopeSender, "<" + message.Message.MessageId + ">"));

        Assert.Equal("Complaint", kind);
        Assert.Equal(sent.Recipients[0].Record, Assert.Single(await sent.FeedAsync(ReactionFeed.Complaints)).Record);
        var state = await sent.Host.Platform.GetRecipientAsync(sent.Recipients[0].Record, null, CancellationToken.None);
        Assert.True(state!.GloballyUnsubscribed);
    }

    [Theory]
    [InlineData(false, ReactionKind.Reply)]
    [InlineData(true, ReactionKind.AutoReply)]
    public async Task Process_AnswerToOurMessage_IsAReplyOrAnAutoReply(bool automatic, ReactionKind expected)
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var message = await sent.MessageOfAsync(0);

        await ProcessAsync(sent, TestMessages.Reply(message.EnvelopeRecipient, "sales@example.com", "<" + message.Message.MessageId + ">", automatic));

        var reply = Assert.Single(await sent.FeedAsync(ReactionFeed.Replies));
        Assert.Equal(expected, reply.Kind);
        Assert.Equal(sent.Recipients[0].Record, reply.Record);
    }

    [Fact]
    public async Task Process_MailToTheUnsubscribeAddress_UnsubscribesOnce()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var message = await sent.MessageOfAsync(0);
        var unsubscribeAddress = "u+" + message.EnvelopeSender.Split('+')[1];

        await ProcessAsync(sent, TestMessages.Reply(message.EnvelopeRecipient, unsubscribeAddress, "<other@example.org>", automatic: false));
        await ProcessAsync(sent, TestMessages.Reply(message.EnvelopeRecipient, unsubscribeAddress, "<other@example.org>", automatic: false));

        Assert.Equal(UnsubscribeScope.List, Assert.Single(await sent.FeedAsync(ReactionFeed.Unsubscribes)).UnsubscribeScope);
    }

    [Fact]
    public async Task Process_UnparseableMessage_IsKeptAndCountedAsUnknown()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var garbage = Encoding.ASCII.GetBytes("\u0000\u0001 this is not a message");

        var kind = await ProcessAsync(sent, garbage);

        Assert.Equal("Unknown", kind);
        var report = await sent.Host.Platform.GetReportAsync(sent.ListId, CancellationToken.None);
        Assert.Equal(1, report.InboundByKind["Unknown"]);
        var kept = Assert.Single(await sent.Host.Runtime.Store.GetUnknownInboundAsync(CancellationToken.None));
        Assert.Equal(garbage, kept.Raw);
    }

    [Fact]
    public async Task Process_DsnWithAForgedToken_IsKeptAsUnknownAndBouncesNobody()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var message = await sent.MessageOfAsync(0);
        var forged = message.EnvelopeSender.Replace("+a", "+b", StringComparison.Ordinal);

        var kind = await ProcessAsync(sent, TestMessages.Dsn(forged, message.EnvelopeRecipient, "failed", "5.1.1", "smtp; 550 5.1.1 unknown", "<someone-else@mx.example.net>"));

        Assert.Equal("Unknown", kind);
        Assert.Empty(await sent.FeedAsync(ReactionFeed.Bounces));
    }

    [Fact]
    public async Task ProcessBounceMailbox_Maildir_ReadsNewMessagesOnceAndMarksThemSeen()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var message = await sent.MessageOfAsync(0);
        TestMessages.Deliver(sent.Host.MaildirPath, TestMessages.Dsn(message.EnvelopeSender, message.EnvelopeRecipient, "failed", "5.1.1", "smtp; 550 5.1.1 unknown", "<" + message.Message.MessageId + ">"));

        var first = await sent.Host.Platform.ProcessBounceMailboxAsync(CancellationToken.None);
        var second = await sent.Host.Platform.ProcessBounceMailboxAsync(CancellationToken.None);

        Assert.Equal(1, first);
        Assert.Equal(0, second);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(sent.Host.MaildirPath, "new")));
        Assert.EndsWith(":2,S", Assert.Single(Directory.EnumerateFiles(Path.Combine(sent.Host.MaildirPath, "cur"))));
    }

    private static int _source;

    private static Task<string> ProcessAsync(SentMailing sent, byte[] raw) =>
        sent.Host.Platform.ProcessInboundMessageAsync("test:" + Interlocked.Increment(ref _source), raw, CancellationToken.None);
}
