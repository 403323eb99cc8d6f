using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;
using EmailConnector.Platforms.Smtp.Tests.Support;
using EmailConnector.Platforms.Smtp.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace EmailConnector.Platforms.Smtp.Tests.Tracking;

/// <summary>The tracking endpoints over real HTTP on a loopback Kestrel.</summary>
public sealed partial class TrackingEndpointsTests
{
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Open_ValidPixel_ReturnsTheGifAndRecordsOneOpen()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var message = await sent.MessageOfAsync(0);

        using var response = await GetAsync(sent, PixelOf(message), Browser);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/gif", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(43, (await response.Content.ReadAsByteArrayAsync()).Length);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        var open = Assert.Single(await sent.FeedAsync(ReactionFeed.Opens));
        Assert.Equal(sent.Recipients[0].Record, open.Record);
        Assert.False(open.IsMachine);
    }

    [Fact]
    public async Task Open_ApplePrivacyProxy_IsRecordedAndFlaggedAsMachine()
    {
        await using var sent = await SentMailing.CreateAsync(_time);

        using var response = await GetAsync(sent, PixelOf(await sent.MessageOfAsync(0)), "Mozilla/5.0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(Assert.Single(await sent.FeedAsync(ReactionFeed.Opens)).IsMachine);
    }

    [Fact]
    public async Task Open_AlteredToken_Gets404AndRecordsNothing()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var pixel = PixelOf(await sent.MessageOfAsync(0));

        using var response = await GetAsync(sent, Alter(pixel, pixel.LastIndexOf("/o/", StringComparison.Ordinal) + 8), Browser);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await sent.FeedAsync(ReactionFeed.Opens));
    }

    [Fact]
    public async Task Open_TokenForgedWithAnotherKey_Gets404AndRecordsNothing()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var delivery = sent.Script.DeliveryOf(await sent.MessageOfAsync(0));
        var forged = new TokenService([System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)]).CreateTrackingToken(TokenPurpose.Open, delivery);

        using var response = await GetAsync(sent, $"/t/o/{forged}.gif", Browser);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await sent.FeedAsync(ReactionFeed.Opens));
    }

    [Fact]
    public async Task Click_TrackedLink_RedirectsToTheStoredLinkAndRecordsIt()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var links = LinksOf(await sent.MessageOfAsync(1));

        using var response = await GetAsync(sent, links[1], Browser);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("https://www.example.com/b?x=1&y=2", response.Headers.Location!.ToString());
        var click = Assert.Single(await sent.FeedAsync(ReactionFeed.Clicks));
        Assert.Equal("https://www.example.com/b?x=1&y=2", click.Url);
        Assert.Equal(sent.Recipients[1].Record, click.Record);
        Assert.False(click.IsMachine);
    }

    [Fact]
    public async Task Click_HeadRequest_RedirectsButIsFlaggedAsAScanner()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        using var request = new HttpRequestMessage(HttpMethod.Head, LinksOf(await sent.MessageOfAsync(0))[0]);
        request.Headers.UserAgent.ParseAdd(Browser);

        using var response = await sent.Host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.True(Assert.Single(await sent.FeedAsync(ReactionFeed.Clicks)).IsMachine);
    }

    [Fact]
    public async Task Click_ValidTokenForALinkIndexTheMailingDoesNotHave_Gets404AndRecordsNothing()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var delivery = sent.Script.DeliveryOf(await sent.MessageOfAsync(0));
        var parts = await sent.Host.Runtime.ReadyAsync(CancellationToken.None);
        var token = parts.Tokens.CreateTrackingToken(TokenPurpose.Click, delivery, linkIndex: 7);

        using var response = await GetAsync(sent, $"/t/c/{token}?url=https://evil.example.net/", Browser);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await sent.FeedAsync(ReactionFeed.Clicks));
    }

    [Fact]
    public async Task Click_QueryNamingAnotherUrl_StillRedirectsOnlyToTheStoredLink()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var link = LinksOf(await sent.MessageOfAsync(0))[0];

        using var response = await GetAsync(sent, link + "?url=https%3A%2F%2Fevil.example.net%2F&redirect=https://evil.example.net", Browser);

        Assert.Equal("https://www.example.com/a", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Click_OpenTokenUsedAsClickToken_Gets404()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var pixel = PixelOf(await sent.MessageOfAsync(0));
        var token = pixel[(pixel.LastIndexOf('/') + 1)..^4];

        using var response = await GetAsync(sent, $"/t/c/{token}", Browser);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await sent.FeedAsync(ReactionFeed.Clicks));
    }

    [Fact]
    public async Task Unsubscribe_OneClickPostedManyTimes_UnsubscribesExactlyOnce()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var url = SmtpReactionScript.UnsubscribeUrlOf(await sent.MessageOfAsync(0));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await PostOneClickAsync(sent, url, "List-Unsubscribe=One-Click");
            statuses.Add(response.StatusCode);
        }
        await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ => (await PostOneClickAsync(sent, url, "List-Unsubscribe=One-Click")).Dispose()));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        var unsubscribe = Assert.Single(await sent.FeedAsync(ReactionFeed.Unsubscribes));
        Assert.Equal(UnsubscribeScope.List, unsubscribe.UnsubscribeScope);
        var state = await sent.Host.Platform.GetRecipientAsync(sent.Recipients[0].Record, sent.ListId, CancellationToken.None);
        Assert.Equal(MembershipStatus.Unsubscribed, state!.ListStatus);
        var other = await sent.Host.Platform.GetRecipientAsync(sent.Recipients[1].Record, sent.ListId, CancellationToken.None);
        Assert.Equal(MembershipStatus.Subscribed, other!.ListStatus);
    }

    [Fact]
    public async Task Unsubscribe_PostWithoutTheOneClickBody_Gets400AndChangesNothing()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var url = SmtpReactionScript.UnsubscribeUrlOf(await sent.MessageOfAsync(0));

        using var response = await PostOneClickAsync(sent, url, "unsubscribe=yes");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await sent.FeedAsync(ReactionFeed.Unsubscribes));
    }

    [Fact]
    public async Task Unsubscribe_AlteredToken_Gets404AndChangesNothing()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var url = SmtpReactionScript.UnsubscribeUrlOf(await sent.MessageOfAsync(0));

        using var response = await PostOneClickAsync(sent, Alter(url, url.Length - 3), "List-Unsubscribe=One-Click");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await sent.FeedAsync(ReactionFeed.Unsubscribes));
        var state = await sent.Host.Platform.GetRecipientAsync(sent.Recipients[0].Record, sent.ListId, CancellationToken.None);
        Assert.Equal(MembershipStatus.Subscribed, state!.ListStatus);
    }

    [Fact]
    public async Task Unsubscribe_Get_ShowsTheConfirmationPageAndChangesNothing()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var url = SmtpReactionScript.UnsubscribeUrlOf(await sent.MessageOfAsync(0));

        using var response = await GetAsync(sent, url, Browser);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<form method=\"post\"", await response.Content.ReadAsStringAsync());
        Assert.Empty(await sent.FeedAsync(ReactionFeed.Unsubscribes));
    }

    [Fact]
    public async Task Unsubscribe_ConfirmationPageGlobalButton_OptsOutEverywhere()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var url = SmtpReactionScript.UnsubscribeUrlOf(await sent.MessageOfAsync(0));

        using var response = await PostOneClickAsync(sent, url, "List-Unsubscribe=One-Click&scope=global");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(UnsubscribeScope.Global, Assert.Single(await sent.FeedAsync(ReactionFeed.Unsubscribes)).UnsubscribeScope);
        var suppressions = await sent.Host.Platform.GetSuppressionsAsync(new SuppressionQuery(), CancellationToken.None);
        Assert.Equal(SuppressionReason.Unsubscribed, Assert.Single(suppressions.Entries).Reason);
    }

    [Fact]
    public async Task Tokens_InEveryUrl_NeverContainTheAddress()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var message = await sent.MessageOfAsync(0);
        var address = sent.Recipients[0].EmailAddress;
        var local = address.Split('@')[0];

        var urls = LinksOf(message).Append(PixelOf(message)).Append(SmtpReactionScript.UnsubscribeUrlOf(message)).Append(message.EnvelopeSender);

        Assert.All(urls, u => Assert.DoesNotContain(local, u, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<HttpResponseMessage> GetAsync(SentMailing sent, string url, string userAgent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.ParseAdd(userAgent);
        return await sent.Host.Http.SendAsync(request);
    }

    private static Task<HttpResponseMessage> PostOneClickAsync(SentMailing sent, string url, string body) =>
        sent.Host.Http.PostAsync(url, new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"));

    private static string PixelOf(PickupFolder.Written message) => PixelPattern().Match(message.Message.HtmlBody!).Groups[1].Value;

    private static List<string> LinksOf(PickupFolder.Written message) =>
        LinkPattern().Matches(message.Message.HtmlBody!).Select(m => m.Groups[1].Value).ToList();

    // Flips one character of the token part of a URL.
    private static string Alter(string url, int index) =>
        url[..index] + (url[index] == 'A' ? 'B' : 'A') + url[(index + 1)..];

    [GeneratedRegex("<img src=\"([^\"]+/o/[^\"]+\\.gif)\"")]
    private static partial Regex PixelPattern();

    [GeneratedRegex("<a href=\"([^\"]+/c/[^\"]+)\"")]
    private static partial Regex LinkPattern();
}
