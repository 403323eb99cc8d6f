using EmailConnector.Core;
using EmailConnector.Core.Reactions;

namespace EmailConnector.Testing.Platforms;

/// <summary>
/// Makes things happen at a platform the way recipients and receiving servers would, for the contract tests. Each
/// adapter's test supplies one: the in-memory platform scripts itself; a contract double fills its vendor state; the
/// built-in SMTP platform hits its own tracking endpoints and drops DSNs into its bounce mailbox. Every reaction
/// happens at the platform's current time.
/// </summary>
public interface IReactionScript
{
    /// <summary>Mails the list's subscribed recipients; returns the platform's mailing id.</summary>
    Task<string> SendAsync(string listId, CancellationToken cancellationToken = default);

    Task OpenAsync(string mailingId, RecordReference recipient, CancellationToken cancellationToken = default);

    Task ClickAsync(string mailingId, RecordReference recipient, string url, CancellationToken cancellationToken = default);

    /// <summary>A failed delivery with its DSN status (<c>5.1.1</c>) and the receiving server's diagnostic.</summary>
    Task BounceAsync(string mailingId, RecordReference recipient, string status, string diagnostic, CancellationToken cancellationToken = default);

    Task ReplyAsync(string mailingId, RecordReference recipient, bool automatic, CancellationToken cancellationToken = default);

    /// <summary>The recipient uses the unsubscribe link (list) or the platform's global opt-out.</summary>
    Task UnsubscribeAsync(string mailingId, RecordReference recipient, UnsubscribeScope scope, CancellationToken cancellationToken = default);

    Task ComplainAsync(string mailingId, RecordReference recipient, CancellationToken cancellationToken = default);

    /// <summary>Somebody signs up to the list through a web form.</summary>
    Task SubscribeAsync(string listId, string emailAddress, IReadOnlyDictionary<string, string?> fields, CancellationToken cancellationToken = default);
}
