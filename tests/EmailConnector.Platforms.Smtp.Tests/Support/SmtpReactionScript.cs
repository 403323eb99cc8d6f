using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;
using EmailConnector.Platforms.Smtp.Store;
using EmailConnector.Platforms.Smtp.Tokens;
using EmailConnector.Testing;
using EmailConnector.Testing.Platforms;

namespace EmailConnector.Platforms.Smtp.Tests.Support;

/// <summary>
/// Makes reactions happen at the SMTP platform the way recipients and receiving servers do: reads the message the
/// recipient got from the pickup folder, follows its pixel, links and List-Unsubscribe URL over HTTP against the
/// loopback tracking endpoints, and drops DSNs, complaints and replies into the bounce Maildir for the intake.
/// </summary>
internal sealed partial class SmtpReactionScript(SmtpTestHost host) : IReactionScript
{
    private const string BrowserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

    public async Task<string> SendAsync(string listId, CancellationToken cancellationToken = default)
    {
        var handle = await host.Platform.SendMailingAsync(new MailingRequest(Some.String("mailing"), listId, "Spring news for {{FIRSTNAME|you}}", "news@example.com", "News",
            "sales@example.com", "<html><body><p>Hello {{FIRSTNAME}},</p><p><a href=\"https://www.example.com/spring\">Our spring offer</a></p></body></html>"), cancellationToken);
        return handle.MailingId;
    }

    public async Task OpenAsync(string mailingId, RecordReference recipient, CancellationToken cancellationToken = default)
    {
        var message = await MessageOfAsync(recipient, cancellationToken);
        var pixel = PixelPattern().Match(message.Message.HtmlBody!).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Get, pixel);
        request.Headers.UserAgent.ParseAdd(BrowserAgent);
        using var response = await host.Http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// The contract suite clicks URLs of its own choosing; a mailing redirects only to its stored links, so the
    /// script first makes the URL one of the mailing's links (as if the author had put it in), then clicks the
    /// tracked URL the recipient's message would carry for it.
    /// </summary>
    public async Task ClickAsync(string mailingId, RecordReference recipient, string url, CancellationToken cancellationToken = default)
    {
        var message = await MessageOfAsync(recipient, cancellationToken);
        var deliveryId = DeliveryOf(message);
        var index = await host.Runtime.Store.WriteAsync(async (c, t) =>
        {
            var existing = await SmtpStore.ScalarAsync(c, t, "SELECT link_index FROM mailing_links WHERE mailing_id = @m AND url = @u;", cancellationToken, ("m", long.Parse(mailingId)), ("u", url));
            if (existing is not null)
                return Convert.ToInt32(existing);
            var next = Convert.ToInt32(await SmtpStore.ScalarAsync(c, t, "SELECT COALESCE(MAX(link_index), -1) + 1 FROM mailing_links WHERE mailing_id = @m;", cancellationToken, ("m", long.Parse(mailingId))));
            await SmtpStore.ExecuteAsync(c, t, "INSERT INTO mailing_links (mailing_id, link_index, url) VALUES (@m, @i, @u);", cancellationToken, ("m", long.Parse(mailingId)), ("i", next), ("u", url));
            return next;
        }, cancellationToken);
        var parts = await host.Runtime.ReadyAsync(cancellationToken);
        var token = parts.Tokens.CreateTrackingToken(TokenPurpose.Click, deliveryId, index);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{host.Options.TrackingPath}/c/{token}");
        request.Headers.UserAgent.ParseAdd(BrowserAgent);
        using var response = await host.Http.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode != 302 || response.Headers.Location?.ToString() != url)
            throw new InvalidOperationException($"The click endpoint answered {(int)response.StatusCode} {response.Headers.Location}.");
    }

    public async Task BounceAsync(string mailingId, RecordReference recipient, string status, string diagnostic, CancellationToken cancellationToken = default)
    {
        var message = await MessageOfAsync(recipient, cancellationToken);
        var action = status.StartsWith('4') ? "delayed" : "failed";
        TestMessages.Deliver(host.MaildirPath, TestMessages.Dsn(message.EnvelopeSender, message.EnvelopeRecipient, action, status, diagnostic, "<" + message.Message.MessageId + ">"));
        await host.Platform.ProcessBounceMailboxAsync(cancellationToken);
    }

    public async Task ReplyAsync(string mailingId, RecordReference recipient, bool automatic, CancellationToken cancellationToken = default)
    {
        var message = await MessageOfAsync(recipient, cancellationToken);
        // RFC 3834 automatic answers go to the Return-Path (the VERP address); people answer the Reply-To.
        var to = automatic ? message.EnvelopeSender : "sales@example.com";
        TestMessages.Deliver(host.MaildirPath, TestMessages.Reply(message.EnvelopeRecipient, to, "<" + message.Message.MessageId + ">", automatic));
        await host.Platform.ProcessBounceMailboxAsync(cancellationToken);
    }

    public async Task UnsubscribeAsync(string mailingId, RecordReference recipient, UnsubscribeScope scope, CancellationToken cancellationToken = default)
    {
        var message = await MessageOfAsync(recipient, cancellationToken);
        var url = UnsubscribeUrlOf(message);
        // List scope: what a mailbox provider's one-click POST does (the default scope); global: the confirmation page's second button.
        var body = scope == UnsubscribeScope.Global ? "List-Unsubscribe=One-Click&scope=global" : "List-Unsubscribe=One-Click";
        using var content = new StringContent(body, Encoding.ASCII);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var response = await host.Http.PostAsync(url, content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task ComplainAsync(string mailingId, RecordReference recipient, CancellationToken cancellationToken = default)
    {
        var message = await MessageOfAsync(recipient, cancellationToken);
        TestMessages.Deliver(host.MaildirPath, TestMessages.Complaint("fbl@bounces.example.com", message.EnvelopeSender, "<" + message.Message.MessageId + ">"));
        await host.Platform.ProcessBounceMailboxAsync(cancellationToken);
    }

    /// <summary>The SMTP platform has no sign-up forms (no NewSubscribers feature): nobody can subscribe at it.</summary>
    public Task SubscribeAsync(string listId, string emailAddress, IReadOnlyDictionary<string, string?> fields, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    public static string UnsubscribeUrlOf(PickupFolder.Written message) =>
        UnsubscribeHeaderPattern().Match(message.Message.Headers["List-Unsubscribe"]!).Groups[1].Value;

    public long DeliveryOf(PickupFolder.Written message)
    {
        var token = message.Message.MessageId!.Split('@')[0];
        var parts = host.Runtime.ReadyAsync(CancellationToken.None).GetAwaiter().GetResult();
        return parts.Tokens.TryReadVerpToken(token, out var id) ? id : throw new InvalidOperationException("The Message-ID carries no delivery token.");
    }

    public async Task<PickupFolder.Written> MessageOfAsync(RecordReference recipient, CancellationToken cancellationToken)
    {
        var state = await host.Platform.GetRecipientAsync(recipient, null, cancellationToken) ?? throw new InvalidOperationException($"{recipient} is unknown.");
        return PickupFolder.To(host.Options.PickupFolderPath, state.EmailAddress);
    }

    [GeneratedRegex("<img src=\"([^\"]+/o/[^\"]+\\.gif)\"")]
    private static partial Regex PixelPattern();

    [GeneratedRegex("<(https?://[^>]+)>")]
    private static partial Regex UnsubscribeHeaderPattern();
}
