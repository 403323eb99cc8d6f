using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Smtp.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EmailConnector.Platforms.Smtp.Tests;

/// <summary>What the SMTP platform adds beyond the shared contract: the impersonal mailing archive.</summary>
public sealed class SmtpEmailPlatformTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task GetMailingContent_SentMailing_IsTheMailingEveryoneGotWithoutTokensOrPersonalData()
    {
        await using var sent = await SentMailing.CreateAsync(_time, recipients: 3,
            html: "<p>Dear {{FIRSTNAME|Reader}} ({{email}}),</p><p><a href=\"https://www.example.com/a\">A</a> <a href=\"https://www.example.com/b?x=1&amp;y=2\">B</a></p>");
        var personal = await sent.MessageOfAsync(0);

        var content = await sent.Host.Platform.GetMailingContentAsync(sent.MailingId, None);

        Assert.NotNull(content);
        Assert.Equal("Spring news", content.Subject);
        Assert.Equal("news@example.com", content.FromAddress);
        Assert.Equal("News", content.FromName);
        var body = content.ImpersonalHtmlBody!;
        Assert.Contains("Dear Reader (),", body);
        Assert.Contains("href=\"https://www.example.com/a\"", body);
        Assert.Contains("href=\"https://www.example.com/b?x=1&amp;y=2\"", body);
        Assert.Contains(sent.Host.Options.PublicBaseUrl, personal.Message.HtmlBody);
        Assert.DoesNotContain(sent.Host.Options.PublicBaseUrl, body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(sent.Host.Options.TrackingPath.Trim('/') + "/", body, StringComparison.OrdinalIgnoreCase);
        foreach (var recipient in sent.Recipients)
        {
            Assert.DoesNotContain(recipient.EmailAddress, body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(recipient.Fields["FIRSTNAME"]!, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GetMailingContent_PersonalisedSubject_RendersItsDefault()
    {
        await using var sent = await SentMailing.CreateAsync(_time);
        var handle = await sent.Host.Platform.SendMailingAsync(
            new MailingRequest("second", sent.ListId, "Spring news for {{FIRSTNAME|you}}", "news@example.com", null, null, "<p>Hi</p>"), None);

        var content = await sent.Host.Platform.GetMailingContentAsync(handle.MailingId, None);

        Assert.Equal("Spring news for you", content!.Subject);
        Assert.Null(content.FromName);
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("m-1")]
    [InlineData("-1")]
    public async Task GetMailingContent_IdTheStoreNeverIssued_ReturnsNull(string mailingId)
    {
        await using var sent = await SentMailing.CreateAsync(_time, recipients: 1);

        Assert.Null(await sent.Host.Platform.GetMailingContentAsync(mailingId, None));
    }

    [Fact]
    public async Task GetMailingContent_BlankId_ThrowsArgumentException()
    {
        await using var sent = await SentMailing.CreateAsync(_time, recipients: 1);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => sent.Host.Platform.GetMailingContentAsync(" ", None));
    }
}
