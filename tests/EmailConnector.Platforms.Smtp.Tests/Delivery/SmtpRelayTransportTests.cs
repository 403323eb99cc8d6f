using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;
using EmailConnector.Platforms.Smtp.Tests.Support;
using EmailConnector.Testing;
using Microsoft.Extensions.Time.Testing;

namespace EmailConnector.Platforms.Smtp.Tests.Delivery;

/// <summary>
/// Relay delivery against real servers on loopback: Postfix (real DSNs, refusals at RCPT), Dovecot (the bounce
/// mailbox over IMAP) and Postfix's smtp-sink (scripted 4xx/5xx). Skipped, with the reason, when they are absent.
/// </summary>
public sealed class SmtpRelayTransportTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [SkippableFact]
    public async Task SendMailing_ToUnknownLocalUsersThroughPostfix_RealDsnsComeBackAsHardBouncesOnTheRightRecipients()
    {
        var missing = MailServers.MissingDovecot();
        Skip.If(missing is not null, missing);
        using var postfix = await PostfixInstance.StartAsync(["known1@users.test", "known2@users.test"]);
        using var dovecot = await DovecotInstance.StartAsync(postfix.MailRoot, ["b@bounces.test"]);
        await using var host = await SmtpTestHost.StartAsync(_time, o =>
        {
            o.Delivery = DeliveryMode.Relay;
            o.Relay = new SmtpRelayOptions { Host = "127.0.0.1", Port = postfix.Port, Security = RelaySecurity.None };
            o.ReturnPathDomain = "bounces.test";
            o.PerDomainMessagesPerMinute = 0;
            o.Intake = new IntakeOptions
            {
                Mode = IntakeMode.Imap, ImapHost = "127.0.0.1", ImapPort = dovecot.Port, ImapSecurity = RelaySecurity.None,
                ImapUserName = "b@bounces.test", ImapPassword = DovecotInstance.Password,
            };
        });
        var platform = host.Platform;
        var list = await platform.EnsureListAsync(Some.ListDefinition(), CancellationToken.None);
        var known1 = Some.Recipient(emailAddress: "known1@users.test");
        var ghost1 = Some.Recipient(emailAddress: "ghost1@dsn.test");
        var refused = Some.Recipient(emailAddress: "nobody@users.test");
        var ghost2 = Some.Recipient(emailAddress: "ghost2@dsn.test");
        var known2 = Some.Recipient(emailAddress: "known2@users.test");
        await platform.ImportRecipientsAsync(list.Id, [known1, ghost1, refused, ghost2, known2], CancellationToken.None);

        await platform.SendMailingAsync(new MailingRequest(Some.String("mailing"), list.Id, "Spring news", "news@example.com", "News", null, "<p>Hello {{FIRSTNAME}}</p>"), CancellationToken.None);
        var arrived = await MailServers.WaitUntilAsync(async () =>
        {
            await platform.ProcessBounceMailboxAsync(CancellationToken.None);
            return (await BouncesAsync(platform)).Count >= 3;
        }, TimeSpan.FromSeconds(90));

        var bounces = await BouncesAsync(platform);
        Assert.True(arrived, "Postfix's DSNs did not arrive in the bounce mailbox. Postfix log:\n" + postfix.Log());
        Assert.Equal([ghost1.Record, refused.Record, ghost2.Record], bounces.Select(b => b.Record!.Value).OrderBy(r => Order(r, ghost1, refused, ghost2)));
        Assert.All(bounces, b => Assert.Equal(BounceCategory.Hard, b.BounceCategory));
        Assert.All(bounces, b => Assert.Equal("5.1.1", b.StatusCode));
        Assert.Contains("unknown user", bounces.Single(b => b.Record == ghost1.Record).Diagnostic, StringComparison.OrdinalIgnoreCase);
        var sends = (await platform.ReadReactionsAsync(new ReactionFeedRequest(ReactionFeed.Sends, null), CancellationToken.None)).Events;
        Assert.Equal(4, sends.Count); // the RCPT refusal never counts as sent; the DSN ones were accepted first
        Assert.True(Directory.EnumerateFiles(Path.Combine(postfix.MailRoot, "users.test", "known1", "new")).Any());
        var suppressed = (await platform.GetSuppressionsAsync(new SuppressionQuery(), CancellationToken.None)).Entries.Select(e => e.EmailAddress);
        Assert.Equal(["ghost1@dsn.test", "ghost2@dsn.test", "nobody@users.test"], suppressed.Order());
    }

    [SkippableFact]
    public async Task SendMailing_RelaySoftRejectsRcpt_RecordsSoftBouncesAndRetriesUntilAccepted()
    {
        var missing = MailServers.MissingPostfix();
        Skip.If(missing is not null, missing);
        var port = MailServers.FreePort();
        // Without the domain pause every message meets the relay's refusal (the pause has its own tests).
        await using var host = await RelayHostAsync(port, o => o.DomainPauseAfterDeferral = TimeSpan.Zero);
        var list = await host.Platform.EnsureListAsync(Some.ListDefinition(), CancellationToken.None);
        var recipients = Some.Recipients(3);
        await host.Platform.ImportRecipientsAsync(list.Id, recipients, CancellationToken.None);

        using (await SmtpSink.StartAsync(port, "-r", "rcpt", "-b", "452 4.2.2 Mailbox full"))
            await host.Platform.SendMailingAsync(new MailingRequest(Some.String("mailing"), list.Id, "Spring news", "news@example.com", null, null, "<p>Hi</p>"), CancellationToken.None);
        var softBounces = await BouncesAsync(host.Platform);
        var sentBefore = await SendsAsync(host.Platform);
        int sentLater;
        using (await SmtpSink.StartAsync(port))
        {
            _time.Advance(TimeSpan.FromMinutes(3)); // before the backoff: nothing is due yet
            var early = await host.Platform.DeliverDueAsync(CancellationToken.None);
            Assert.Equal(0, early);
            _time.Advance(host.Options.RetryBaseDelay * 2);
            sentLater = await host.Platform.DeliverDueAsync(CancellationToken.None);
        }

        Assert.Equal(3, softBounces.Count);
        Assert.All(softBounces, b => Assert.Equal(BounceCategory.Soft, b.BounceCategory));
        Assert.All(softBounces, b => Assert.Equal("4.2.2", b.StatusCode));
        Assert.Empty(sentBefore);
        Assert.Equal(3, sentLater);
        Assert.Equal(3, (await SendsAsync(host.Platform)).Count);
        Assert.Equal(3, (await BouncesAsync(host.Platform)).Count); // retries add no bounce; one soft bounce per deferred message
        Assert.Empty((await host.Platform.GetSuppressionsAsync(new SuppressionQuery(), CancellationToken.None)).Entries);
    }

    [SkippableFact]
    public async Task SendMailing_RelayRefusesRcptWith5xx_IsAHardBounceAtOnceWithoutRetry()
    {
        var missing = MailServers.MissingPostfix();
        Skip.If(missing is not null, missing);
        var port = MailServers.FreePort();
        await using var host = await RelayHostAsync(port);
        var list = await host.Platform.EnsureListAsync(Some.ListDefinition(), CancellationToken.None);
        var recipient = Some.Recipient();
        await host.Platform.ImportRecipientsAsync(list.Id, [recipient], CancellationToken.None);

        using (await SmtpSink.StartAsync(port, "-f", "rcpt", "-B", "550 5.1.1 Recipient address rejected: User unknown"))
        {
            await host.Platform.SendMailingAsync(new MailingRequest(Some.String("mailing"), list.Id, "Spring news", "news@example.com", null, null, "<p>Hi</p>"), CancellationToken.None);
            _time.Advance(TimeSpan.FromDays(1));
            Assert.Equal(0, await host.Platform.DeliverDueAsync(CancellationToken.None));
        }

        var bounce = Assert.Single(await BouncesAsync(host.Platform));
        Assert.Equal(recipient.Record, bounce.Record);
        Assert.Equal(BounceCategory.Hard, bounce.BounceCategory);
        Assert.Equal("5.1.1", bounce.StatusCode);
        Assert.Empty(await SendsAsync(host.Platform));
        Assert.Equal(recipient.EmailAddress, Assert.Single((await host.Platform.GetSuppressionsAsync(new SuppressionQuery(), CancellationToken.None)).Entries).EmailAddress);
    }

    [SkippableFact]
    public async Task SendMailing_RelayDown_PostponesWithoutBouncesAndSendsOnceItIsBack()
    {
        var missing = MailServers.MissingPostfix();
        Skip.If(missing is not null, missing);
        var port = MailServers.FreePort();
        await using var host = await RelayHostAsync(port);
        var list = await host.Platform.EnsureListAsync(Some.ListDefinition(), CancellationToken.None);
        await host.Platform.ImportRecipientsAsync(list.Id, Some.Recipients(2), CancellationToken.None);

        var handle = await host.Platform.SendMailingAsync(new MailingRequest(Some.String("mailing"), list.Id, "s", "news@example.com", null, null, "<p>Hi</p>"), CancellationToken.None);
        Assert.Equal(MailingStatus.Sending, handle.Status);
        Assert.Empty(await BouncesAsync(host.Platform));
        using (await SmtpSink.StartAsync(port))
        {
            _time.Advance(host.Options.RetryMaxDelay);
            Assert.Equal(2, await host.Platform.DeliverDueAsync(CancellationToken.None));
        }
        Assert.Empty(await BouncesAsync(host.Platform));
    }

    private Task<SmtpTestHost> RelayHostAsync(int port, Action<SmtpPlatformOptions>? configure = null) => SmtpTestHost.StartAsync(_time, o =>
    {
        o.Delivery = DeliveryMode.Relay;
        o.Relay = new SmtpRelayOptions { Host = "127.0.0.1", Port = port, Security = RelaySecurity.None, MaxConnections = 2, Timeout = TimeSpan.FromSeconds(10) };
        configure?.Invoke(o);
    });

    private static int Order(RecordReference record, params PlatformRecipient[] order) => Array.FindIndex(order, r => r.Record == record);

    private static async Task<IReadOnlyList<ReactionEvent>> BouncesAsync(IEmailPlatform platform) =>
        (await platform.ReadReactionsAsync(new ReactionFeedRequest(ReactionFeed.Bounces, null), CancellationToken.None)).Events;

    private static async Task<IReadOnlyList<ReactionEvent>> SendsAsync(IEmailPlatform platform) =>
        (await platform.ReadReactionsAsync(new ReactionFeedRequest(ReactionFeed.Sends, null), CancellationToken.None)).Events;
}
