using System.Xml.Linq;
using EmailConnector.Dataverse;
using EmailConnector.Dataverse.Errors;
using EmailConnector.Dataverse.Rows;
using EmailConnector.Schema;
using CoreFeed = EmailConnector.Core.Reactions.ReactionFeed;
using SchemaFeed = EmailConnector.Schema.ReactionFeed;

namespace EmailConnector.Worker.Reactions;

/// <summary>The stored cursor of one feed of one platform account: its <c>ec_syncstate</c> row and the row's ETag.</summary>
public sealed record FeedState(Guid Id, Guid PlatformAccountId, CoreFeed Feed, string? Cursor, string ETag);

/// <summary>
/// Reads and writes <c>ec_syncstate</c>, one row per platform account and feed (alternate key account + feed). The
/// cursor is written with the ETag it was read with, so two workers pulling the same feed never move it past each other.
/// </summary>
public sealed class SyncStateStore(DataverseClient client, TimeProvider time)
{
    private const string EntitySet = "ec_syncstates";

    /// <summary>The feed's state, creating the row on first use (a lost race to create it reads the winner's row).</summary>
    public async Task<FeedState> GetOrCreateAsync(Guid platformAccountId, CoreFeed feed, CancellationToken cancellationToken)
    {
        if (await FindAsync(platformAccountId, feed, cancellationToken).ConfigureAwait(false) is { } existing)
            return existing;
        try
        {
            await client.CreateAsync(EntitySet, new DataverseRow()
                .Set(SyncState.Name, feed.ToString())
                .Set(SyncState.Feed, (int)ToSchema(feed))
                .Bind("ec_PlatformAccountId", "ec_platformaccounts", platformAccountId), cancellationToken).ConfigureAwait(false);
        }
        catch (DataverseConcurrencyException exception) when (exception.IsDuplicateRecord)
        {
            // Another worker created it first; its row is the one.
        }

        return await FindAsync(platformAccountId, feed, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The sync state of feed {feed} of platform account {platformAccountId:D} vanished after it was created.");
    }

    /// <summary>Stores the cursor if nobody changed the row since it was read; false when somebody did.</summary>
    public async Task<bool> TrySaveCursorAsync(FeedState state, string cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            await client.UpdateAsync(EntitySet, state.Id, new DataverseRow()
                .Set(SyncState.Cursor, cursor)
                .Set(SyncState.LastSuccessOn, time.GetUtcNow()), state.ETag, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DataverseConcurrencyException exception) when (!exception.IsDuplicateRecord)
        {
            return false;
        }
    }

    /// <summary>Records a failed pull on the row (no personal data: the caller passes the exception's type and message).</summary>
    public Task RecordErrorAsync(FeedState state, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        return client.UpdateAsync(EntitySet, state.Id, new DataverseRow()
            .Set(SyncState.LastError, error.Length > 2000 ? error[..2000] : error)
            .Set(SyncState.LastErrorOn, time.GetUtcNow()), cancellationToken: cancellationToken);
    }

    private async Task<FeedState?> FindAsync(Guid platformAccountId, CoreFeed feed, CancellationToken cancellationToken)
    {
        var fetch = new XElement("fetch", new XAttribute("top", "1"),
            new XElement("entity", new XAttribute("name", SyncState.EntityName),
                new XElement("attribute", new XAttribute("name", SyncState.PrimaryId)),
                new XElement("filter",
                    Condition(SyncState.PlatformAccountId, platformAccountId.ToString("D")),
                    Condition(SyncState.Feed, ((int)ToSchema(feed)).ToString(System.Globalization.CultureInfo.InvariantCulture))))).ToString(SaveOptions.DisableFormatting);
        Guid? id = null;
        await foreach (var row in client.FetchAsync(EntitySet, fetch, cancellationToken: cancellationToken).ConfigureAwait(false))
            id = row.GetGuid(SyncState.PrimaryId);
        if (id is null)
            return null;

        var current = await client.TryRetrieveAsync(EntitySet, id.Value, RetrieveOptions.Columns(SyncState.PrimaryId, SyncState.Cursor), cancellationToken).ConfigureAwait(false);
        if (current?.ETag is not { } etag)
            return null;
        return new FeedState(id.Value, platformAccountId, feed, current.GetString(SyncState.Cursor), etag);
    }

    private static XElement Condition(string attribute, string value) =>
        new("condition", new XAttribute("attribute", attribute), new XAttribute("operator", "eq"), new XAttribute("value", value));

    /// <summary>Core's feeds in the order of the <c>ec_feed</c> choice (Core says NewSubscribers where CRM says Subscriptions).</summary>
    public static SchemaFeed ToSchema(CoreFeed feed) => feed switch
    {
        CoreFeed.Sends => SchemaFeed.Sends,
        CoreFeed.Opens => SchemaFeed.Opens,
        CoreFeed.Clicks => SchemaFeed.Clicks,
        CoreFeed.Replies => SchemaFeed.Replies,
        CoreFeed.Bounces => SchemaFeed.Bounces,
        CoreFeed.Unsubscribes => SchemaFeed.Unsubscribes,
        CoreFeed.Complaints => SchemaFeed.Complaints,
        CoreFeed.NewSubscribers => SchemaFeed.Subscriptions,
        _ => throw new ArgumentOutOfRangeException(nameof(feed), feed, "Unknown reaction feed."),
    };
}
