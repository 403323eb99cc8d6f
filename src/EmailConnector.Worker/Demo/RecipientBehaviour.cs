using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace EmailConnector.Worker.Demo;

/// <summary>One message of the mailing as it lies in the pickup folder, with the links a mail client would follow.</summary>
/// <param name="File">The .eml file.</param>
/// <param name="Recipient">The envelope recipient (<c>X-Receiver</c>).</param>
/// <param name="EnvelopeSender">The VERP envelope sender (<c>X-Sender</c>), where bounces go.</param>
/// <param name="MessageId">The Message-ID.</param>
/// <param name="OpenPixel">The open pixel's URL; null when opens are not tracked.</param>
/// <param name="Links">The tracked click links, in order.</param>
/// <param name="OneClickUnsubscribe">The https/http URL of List-Unsubscribe (RFC 8058 POST target).</param>
public sealed record PickedUpMessage(string File, string Recipient, string EnvelopeSender, string MessageId, Uri? OpenPixel, IReadOnlyList<Uri> Links, Uri? OneClickUnsubscribe)
{
    public static PickedUpMessage Read(string file, string trackingBase)
    {
        var message = MimeMessage.Load(file);
        var html = message.HtmlBody ?? string.Empty;
        var tracked = Regex.Escape(trackingBase.TrimEnd('/'));
        var pixel = Regex.Match(html, "src=\"(" + tracked + "/o/[^\"]+)\"");
        var links = Regex.Matches(html, "href=\"(" + tracked + "/c/[^\"]+)\"").Select(m => new Uri(System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))).Distinct().ToList();
        var unsubscribe = Regex.Match(message.Headers["List-Unsubscribe"] ?? string.Empty, "<(https?://[^>]+)>");
        return new PickedUpMessage(
            file,
            Unbracket(message.Headers["X-Receiver"]),
            Unbracket(message.Headers["X-Sender"]),
            message.MessageId ?? string.Empty,
            pixel.Success ? new Uri(System.Net.WebUtility.HtmlDecode(pixel.Groups[1].Value)) : null,
            links,
            unsubscribe.Success ? new Uri(unsubscribe.Groups[1].Value) : null);
    }

    private static string Unbracket(string? value) => (value ?? string.Empty).Trim().Trim('<', '>');
}

/// <summary>What the demo's recipients did, per kind.</summary>
public sealed class PlayedBehaviour
{
    public int HumanOpens { get; set; }

    public int MachineOpens { get; set; }

    public int Clicks { get; set; }

    public int ListUnsubscribes { get; set; }

    public int GlobalUnsubscribes { get; set; }

    public int HardBounces { get; set; }

    public int SoftBounces { get; set; }

    /// <summary>Maildir file names of the bounces dropped (the demo waits until the platform has read them).</summary>
    public List<string> BounceFiles { get; } = [];
}

/// <summary>
/// Plays recipients against the real tracking endpoints over HTTP (a browser's user agent; the pixel, a click without
/// following the redirect, RFC 8058 one-click and the confirmation page's global choice) and returns mail as an MTA
/// would: RFC 3464 delivery status notifications to the VERP address, dropped into the bounce Maildir. Who does what
/// follows the message's position, so a run is repeatable: position % 20 = 7 hard bounce, % 40 = 13 soft bounce (those
/// do nothing else), % 10 &lt; 6 opens, % 4 = 0 also clicks, % 10 = 9 opened by a privacy proxy (a machine open), the
/// first at % 10 = 3 unsubscribes from the list with one click, the first at % 10 = 8 from everything.
/// </summary>
public sealed class RecipientBehaviour(HttpClient http, string bounceFolder)
{
    /// <summary>A desktop browser's user agent: these are people, not scanners.</summary>
    public const string BrowserAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    public async Task<PlayedBehaviour> PlayAsync(IReadOnlyList<PickedUpMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var played = new PlayedBehaviour();
        bool listDone = false, globalDone = false;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (i % 20 == 7 || i % 40 == 13)
            {
                var hard = i % 20 == 7;
                played.BounceFiles.Add(DropBounce(message, hard, i));
                if (hard)
                    played.HardBounces++;
                else
                    played.SoftBounces++;
                continue;
            }
            if (i % 10 < 6 && message.OpenPixel is { } pixel)
            {
                await SendAsync(HttpMethod.Get, pixel, BrowserAgent, null, cancellationToken).ConfigureAwait(false);
                played.HumanOpens++;
                if (i % 4 == 0 && message.Links.Count > 0)
                {
                    await SendAsync(HttpMethod.Get, message.Links[i / 4 % message.Links.Count], BrowserAgent, null, cancellationToken).ConfigureAwait(false);
                    played.Clicks++;
                }
            }
            else if (i % 10 == 9 && message.OpenPixel is { } proxied)
            {
                // Apple Mail Privacy Protection fetches with the bare agent "Mozilla/5.0".
                await SendAsync(HttpMethod.Get, proxied, "Mozilla/5.0", null, cancellationToken).ConfigureAwait(false);
                played.MachineOpens++;
            }
            if (!listDone && i % 10 == 3 && message.OneClickUnsubscribe is { } oneClick)
            {
                await SendAsync(HttpMethod.Post, oneClick, BrowserAgent, "List-Unsubscribe=One-Click", cancellationToken).ConfigureAwait(false);
                played.ListUnsubscribes++;
                listDone = true;
            }
            else if (!globalDone && i % 10 == 8 && message.OneClickUnsubscribe is { } page)
            {
                await SendAsync(HttpMethod.Post, page, BrowserAgent, "List-Unsubscribe=One-Click&scope=global", cancellationToken).ConfigureAwait(false);
                played.GlobalUnsubscribes++;
                globalDone = true;
            }
        }
        return played;
    }

    private async Task SendAsync(HttpMethod method, Uri url, string agent, string? form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("User-Agent", agent);
        if (form is not null)
            request.Content = new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded");
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        // A click answers with the redirect to the mailing's link, which a demo does not follow (it is not a real site).
        if (!response.IsSuccessStatusCode && (int)response.StatusCode / 100 != 3)
            throw new InvalidOperationException($"The tracking endpoint answered {(int)response.StatusCode} to {method} {url.AbsolutePath}.");
    }

    // Maildir delivery: written to tmp/, then moved into new/ so the reader never sees half a message.
    private string DropBounce(PickedUpMessage message, bool hard, int position)
    {
        foreach (var sub in new[] { "tmp", "new", "cur" })
            Directory.CreateDirectory(Path.Combine(bounceFolder, sub));
        var name = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow.Ticks}.demo{position}.{Environment.MachineName}");
        var temporary = Path.Combine(bounceFolder, "tmp", name);
        File.WriteAllText(temporary, Dsn(message, hard), Encoding.ASCII);
        File.Move(temporary, Path.Combine(bounceFolder, "new", name));
        return name;
    }

    /// <summary>An RFC 3464 report as Postfix writes one: a human part, the delivery status, the returned headers.</summary>
    internal static string Dsn(PickedUpMessage message, bool hard)
    {
        var (status, diagnostic) = hard
            ? ("5.1.1", "smtp; 550 5.1.1 <" + message.Recipient + ">: Recipient address rejected: User unknown in virtual mailbox table")
            : ("4.2.2", "smtp; 452 4.2.2 <" + message.Recipient + ">: Mailbox full");
        var boundary = "dsn-" + Guid.NewGuid().ToString("N");
        var date = DateTimeOffset.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture);
        var text = $"""
            Return-Path: <>
            Delivered-To: {message.EnvelopeSender}
            From: MAILER-DAEMON@mx.demo.invalid (Mail Delivery System)
            To: {message.EnvelopeSender}
            Subject: Undelivered Mail Returned to Sender
            Date: {date}
            Message-ID: <{boundary}@mx.demo.invalid>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"

            --{boundary}
            Content-Type: text/plain; charset=us-ascii

            This is the mail system at host mx.demo.invalid. Your message could not be delivered.

            --{boundary}
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.demo.invalid
            Arrival-Date: {date}

            Final-Recipient: rfc822; {message.Recipient}
            Original-Recipient: rfc822;{message.Recipient}
            Action: failed
            Status: {status}
            Remote-MTA: dns; mx.demo.invalid
            Diagnostic-Code: {diagnostic}

            --{boundary}
            Content-Type: text/rfc822-headers

            To: {message.Recipient}
            Message-ID: <{message.MessageId}>

            --{boundary}--

            """;
        return text.ReplaceLineEndings("\r\n");
    }
}
