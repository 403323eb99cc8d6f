using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;
using EmailConnector.Testing;
using Microsoft.Extensions.Time.Testing;

namespace EmailConnector.Platforms.Smtp.Tests.Support;

/// <summary>A host with one list of recipients that has been mailed once; the messages are in the pickup folder.</summary>
internal sealed class SentMailing : IAsyncDisposable
{
    public required SmtpTestHost Host { get; init; }

    public required SmtpReactionScript Script { get; init; }

    public required string ListId { get; init; }

    public required string MailingId { get; init; }

    public required IReadOnlyList<PlatformRecipient> Recipients { get; init; }

    public static async Task<SentMailing> CreateAsync(FakeTimeProvider time, int recipients = 2, string? html = null, Action<SmtpPlatformOptions>? configure = null)
    {
        var host = await SmtpTestHost.StartAsync(time, configure);
        var list = await host.Platform.EnsureListAsync(Some.ListDefinition(), CancellationToken.None);
        var batch = Some.Recipients(recipients);
        await host.Platform.ImportRecipientsAsync(list.Id, batch, CancellationToken.None);
        var handle = await host.Platform.SendMailingAsync(new MailingRequest(Some.String("mailing"), list.Id, "Spring news", "news@example.com", "News", null,
            html ?? "<p>Hello {{FIRSTNAME}}</p><p><a href=\"https://www.example.com/a\">A</a> <a href=\"https://www.example.com/b?x=1&amp;y=2\">B</a></p>"), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(5));
        return new SentMailing { Host = host, Script = new SmtpReactionScript(host), ListId = list.Id, MailingId = handle.MailingId, Recipients = batch };
    }

    public Task<PickupFolder.Written> MessageOfAsync(int recipient) => Script.MessageOfAsync(Recipients[recipient].Record, CancellationToken.None);

    public async Task<IReadOnlyList<ReactionEvent>> FeedAsync(ReactionFeed feed) =>
        (await Host.Platform.ReadReactionsAsync(new ReactionFeedRequest(feed, null), CancellationToken.None)).Events;

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
