using System.Data.Common;
using System.Globalization;
using System.Text;
using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;
using EmailConnector.Core.Recipients;
using EmailConnector.Platforms.Smtp.Composition;
using EmailConnector.Platforms.Smtp.Delivery;
using EmailConnector.Platforms.Smtp.Intake;
using EmailConnector.Platforms.Smtp.Store;
using Microsoft.AspNetCore.WebUtilities;

namespace EmailConnector.Platforms.Smtp;

/// <summary>
/// The built-in SMTP platform behind <see cref="IEmailPlatform"/>: lists, recipients, mailings and events in its own
/// store; personalised, DKIM-signed mail over SMTP (or to a pickup folder); reactions from its tracking endpoints and
/// its bounce mailbox; the impersonal copy of every stored mailing (<see cref="IMailingArchive"/>). Register with
/// <c>AddSmtpPlatform</c>; host the endpoints with <c>MapSmtpPlatformTracking</c>.
/// </summary>
public sealed class SmtpEmailPlatform : IEmailPlatform, IMailingArchive
{
    public const string Name = "smtp";

    private const PlatformFeatures AllFeatures =
        PlatformFeatures.Sends | PlatformFeatures.Opens | PlatformFeatures.Clicks | PlatformFeatures.Bounces | PlatformFeatures.Unsubscribes |
        PlatformFeatures.Replies | PlatformFeatures.Complaints | PlatformFeatures.ListLevelUnsubscribe | PlatformFeatures.Erase |
        PlatformFeatures.Reports | PlatformFeatures.SendFromCrm | PlatformFeatures.SharedAddresses;

    private readonly SmtpPlatformRuntime _runtime;

    internal SmtpEmailPlatform(SmtpPlatformRuntime runtime)
    {
        _runtime = runtime ?? throw new ArgumentNullException(nameof(runtime));
    }

    public PlatformCapabilities Capabilities { get; } = new()
    {
        PlatformName = Name,
        Features = AllFeatures,
        MaxImportBatchSize = 1000,
        MaxFieldLength = 255,
        MaxListNameLength = 255,
        MaxReactionPageSize = 1000,
    };

    private SmtpStore Store => _runtime.Store;

    private DateTimeOffset Now => _runtime.Time.GetUtcNow();

    public Task<PlatformList> EnsureListAsync(ListDefinition list, CancellationToken cancellationToken) =>
        GuardAsync("EnsureList", async () =>
        {
            ArgumentNullException.ThrowIfNull(list);
            ArgumentException.ThrowIfNullOrWhiteSpace(list.Name);
            await _runtime.ReadyAsync(cancellationToken);
            var (stored, created) = await Store.EnsureListAsync(list.Key, list.Name, Capabilities.MaxListNameLength, list.SenderAddress, list.ReplyToAddress, Now, cancellationToken);
            return new PlatformList(SmtpStore.Id(stored.Id), stored.Key, stored.Name, created);
        });

    public Task<ImportResult> ImportRecipientsAsync(string listId, IReadOnlyList<PlatformRecipient> recipients, CancellationToken cancellationToken) =>
        GuardAsync("ImportRecipients", async () =>
        {
            ArgumentNullException.ThrowIfNull(recipients);
            if (recipients.Count > Capabilities.MaxImportBatchSize)
                throw new ArgumentException($"At most {Capabilities.MaxImportBatchSize} recipients per import; got {recipients.Count}.", nameof(recipients));
            var list = await ListAsync(listId, "ImportRecipients", cancellationToken);
            var outcomes = new RecipientOutcome?[recipients.Count];
            var valid = new List<(int Index, PlatformRecipient Recipient)>();
            var seen = new HashSet<RecordReference>();
            for (var i = 0; i < recipients.Count; i++)
            {
                var recipient = recipients[i];
                outcomes[i] = !seen.Add(recipient.Record)
                    ? RecipientOutcome.Rejected(recipient.Record, RejectionReason.DuplicateRecord, "The record appears earlier in this batch.")
                    : Refusal(recipient);
                if (outcomes[i] is null)
                    valid.Add((i, recipient));
            }
            var imported = await Store.ImportAsync(list.Id, valid.Select(v => v.Recipient).ToList(), Now, cancellationToken);
            for (var i = 0; i < valid.Count; i++)
                outcomes[valid[i].Index] = imported[i];
            return new ImportResult(outcomes.Select(o => o!).ToList());
        });

    public Task<RecipientOutcome> UpdateRecipientAsync(PlatformRecipient recipient, CancellationToken cancellationToken) =>
        GuardAsync("UpdateRecipient", async () =>
        {
            ArgumentNullException.ThrowIfNull(recipient);
            await _runtime.ReadyAsync(cancellationToken);
            if (Refusal(recipient) is { } refused)
                return refused;
            var id = await Store.UpdateRecipientAsync(recipient, Now, cancellationToken);
            return id is null
                ? new RecipientOutcome(recipient.Record, RecipientOutcomeKind.NotFound)
                : new RecipientOutcome(recipient.Record, RecipientOutcomeKind.Updated, SmtpStore.Id(id.Value));
        });

    public Task<PlatformRecipientState?> GetRecipientAsync(RecordReference record, string? listId, CancellationToken cancellationToken) =>
        GuardAsync("GetRecipient", async () =>
        {
            await _runtime.ReadyAsync(cancellationToken);
            var recipient = await Store.GetRecipientAsync(record, cancellationToken);
            if (recipient is null || recipient.Erased || recipient.Email is null)
                return null;
            var status = MembershipStatus.None;
            if (listId is not null)
                status = await Store.GetMembershipAsync((await ListAsync(listId, "GetRecipient", cancellationToken)).Id, recipient.Id, cancellationToken);
            var globallyOut = recipient.GlobalOptOut || await Store.IsSuppressedAsync(recipient.Email, cancellationToken);
            return new PlatformRecipientState(record, SmtpStore.Id(recipient.Id), recipient.Email, recipient.Fields, globallyOut, status);
        });

    public Task<ChangeOutcome> UnsubscribeAsync(UnsubscribeRequest request, CancellationToken cancellationToken) =>
        GuardAsync("Unsubscribe", async () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            if (!request.IsGlobal)
                Capabilities.Require(PlatformFeatures.ListLevelUnsubscribe, "Unsubscribe");
            await _runtime.ReadyAsync(cancellationToken);
            long? listId = request.IsGlobal ? null : (await ListAsync(request.ListId!, "Unsubscribe", cancellationToken)).Id;
            return await Store.UnsubscribeAsync(request.Record, listId, Now, cancellationToken);
        });

    public Task<ChangeOutcome> SuppressAsync(SuppressionRequest request, CancellationToken cancellationToken) =>
        GuardAsync("Suppress", async () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            ArgumentException.ThrowIfNullOrWhiteSpace(request.EmailAddress);
            await _runtime.ReadyAsync(cancellationToken);
            return await Store.SuppressAsync(request.EmailAddress, request.Reason, request.Record, Now, cancellationToken);
        });

    public Task<ChangeOutcome> EraseRecipientAsync(RecordReference record, CancellationToken cancellationToken) =>
        GuardAsync("EraseRecipient", async () =>
        {
            Capabilities.Require(PlatformFeatures.Erase, "EraseRecipient");
            await _runtime.ReadyAsync(cancellationToken);
            return await Store.EraseAsync(record, cancellationToken);
        });

    public Task<SuppressionPage> GetSuppressionsAsync(SuppressionQuery query, CancellationToken cancellationToken) =>
        GuardAsync("GetSuppressions", async () =>
        {
            ArgumentNullException.ThrowIfNull(query);
            await _runtime.ReadyAsync(cancellationToken);
            var size = Math.Clamp(query.PageSize, 1, 1000);
            var after = query.PageToken is null ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(query.PageToken));
            var entries = await Store.GetSuppressionsAsync(after, size + 1, cancellationToken);
            var more = entries.Count > size;
            var page = entries.Take(size).ToList();
            return new SuppressionPage(page, more ? WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(page[^1].EmailAddress)) : null);
        });

    public Task<ReactionPage> ReadReactionsAsync(ReactionFeedRequest request, CancellationToken cancellationToken) =>
        GuardAsync("ReadReactions", async () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            Capabilities.Require(PlatformCapabilities.FeatureOf(request.Feed), "ReadReactions");
            await _runtime.ReadyAsync(cancellationToken);
            var cursor = FeedCursor.Parse(request.Cursor);
            var limit = Math.Clamp(request.MaxEvents, 1, Capabilities.MaxReactionPageSize);
            DateTimeOffset? repeatSince = cursor.Resting && request.Overlap > TimeSpan.Zero && cursor.RestedAt is { } rested ? rested - request.Overlap : null;
            var rows = await Store.ReadFeedAsync(request.Feed, cursor.Sequence, repeatSince, limit + 1, cancellationToken);
            var more = rows.Count > limit;
            var page = rows.Take(limit).ToList();
            var last = Math.Max(cursor.Sequence, page.Count == 0 ? 0 : page.Max(e => e.Sequence));
            var next = more ? FeedCursor.Continuation(last) : FeedCursor.Rest(last, Now);
            return new ReactionPage(page.Select(e => e.ToReaction()).ToList(), next.ToString(), more);
        });

    public Task<KeyFigures> GetKeyFiguresAsync(string listId, CancellationToken cancellationToken) =>
        GuardAsync("GetKeyFigures", async () =>
        {
            Capabilities.Require(PlatformFeatures.Reports, "GetKeyFigures");
            var list = await ListAsync(listId, "GetKeyFigures", cancellationToken);
            var events = await Store.GetListEventsAsync(list.Id, cancellationToken);
            return KeyFigures.FromEvents(events.Select(e => e.ToReaction()));
        });

    public Task<MailingHandle> SendMailingAsync(MailingRequest request, CancellationToken cancellationToken) =>
        GuardAsync("SendMailing", async () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            Capabilities.Require(PlatformFeatures.SendFromCrm, "SendMailing");
            ArgumentException.ThrowIfNullOrWhiteSpace(request.Key);
            var parts = await _runtime.ReadyAsync(cancellationToken);
            var list = await ListAsync(request.ListId, "SendMailing", cancellationToken);
            CheckSendable(request, parts.Composer);
            var compiled = MailingTemplate.Compile(request.HtmlBody, request.TextBody, _runtime.Options.TrackOpens, _runtime.Options.TrackClicks);
            if (compiled.Removed.Count > 0)
                Log.HtmlSanitized(_runtime.Logger, string.Join(", ", compiled.Removed.Select(r => $"{r.Key} ×{r.Value}")));
            var now = Now;
            var sendAt = request.SendAt is { } at && at > now ? at : now;
            var (mailing, created) = await Store.CreateMailingAsync(new NewMailing(request.Key, list.Id, request.Subject, request.FromAddress.Trim(), request.FromName,
                request.ReplyToAddress?.Trim(), compiled.Html, compiled.Text, sendAt, compiled.Links), now, cancellationToken);
            if (!created)
            {
                Log.MailingReused(_runtime.Logger, mailing.Id);
                return new MailingHandle(SmtpStore.Id(mailing.Id), mailing.Status, Created: false);
            }
            Log.MailingCreated(_runtime.Logger, mailing.Id, list.Id, compiled.Links.Count, sendAt);
            if (sendAt <= now)
                await parts.Dispatcher.RunAsync(mailing.Id, cancellationToken);
            var status = (await Store.GetMailingAsync(mailing.Id, cancellationToken))!.Status;
            return new MailingHandle(SmtpStore.Id(mailing.Id), status, Created: true);
        });

    /// <summary>
    /// The stored mailing rendered for nobody (<see cref="ImpersonalCopy"/>): subject and HTML with data labels at their
    /// defaults, original link targets, no open pixel, no unsubscribe target. Null for an id this store never issued.
    /// </summary>
    public Task<MailingContent?> GetMailingContentAsync(string mailingId, CancellationToken cancellationToken) =>
        GuardAsync<MailingContent?>("GetMailingContent", async () =>
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(mailingId);
            await _runtime.ReadyAsync(cancellationToken);
            if (!long.TryParse(mailingId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ||
                await Store.GetMailingAsync(id, cancellationToken) is not { } mailing)
                return null;
            var links = await Store.GetLinksAsync(id, cancellationToken);
            return new MailingContent(ImpersonalCopy.Subject(mailing.Subject), mailing.FromAddress, mailing.FromName, ImpersonalCopy.Html(mailing.HtmlTemplate, links));
        });

    /// <summary>
    /// Sends one test message of <paramref name="request"/> to <paramref name="address"/>, its data labels filled from
    /// <paramref name="sampleFields"/>; nothing is stored and no recipient is mailed. True when the relay accepted it.
    /// </summary>
    public Task<bool> SendTestAsync(MailingRequest request, string address, IReadOnlyDictionary<string, string?>? sampleFields, CancellationToken cancellationToken) =>
        GuardAsync("SendTest", async () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            if (!EmailAddressRules.IsValid(address))
                throw new ArgumentException("The test address is not a valid email address.", nameof(address));
            var parts = await _runtime.ReadyAsync(cancellationToken);
            var list = await ListAsync(request.ListId, "SendTest", cancellationToken);
            CheckSendable(request, parts.Composer);
            var compiled = MailingTemplate.Compile(request.HtmlBody, request.TextBody, trackOpens: false, trackClicks: true);
            var mailing = new StoredMailing(0, request.Key, list.Id, request.Subject, request.FromAddress.Trim(), request.FromName, request.ReplyToAddress?.Trim(),
                compiled.Html, compiled.Text, Now, MailingStatus.Sending);
            var composed = parts.Composer.ComposeTest(mailing, compiled.Links, address.Trim(), sampleFields ?? new Dictionary<string, string?>());
            await using var session = await _runtime.Transport.OpenSessionAsync(cancellationToken);
            var reply = await session.SendAsync(composed.Message, composed.EnvelopeSender, composed.Recipient, composed.EnvelopeId, cancellationToken);
            Log.TestSent(_runtime.Logger, 0, reply.Outcome.ToString());
            return reply.Outcome == TransportOutcome.Accepted;
        });

    /// <summary>Starts scheduled mailings that are due and sends (or retries) everything due now; returns the messages sent.</summary>
    public Task<int> DeliverDueAsync(CancellationToken cancellationToken) =>
        GuardAsync("DeliverDue", async () => (await (await _runtime.ReadyAsync(cancellationToken)).Dispatcher.RunAsync(null, cancellationToken)).Sent);

    /// <summary>Reads the bounce mailbox once; returns the number of messages processed (unknown ones included).</summary>
    public Task<int> ProcessBounceMailboxAsync(CancellationToken cancellationToken) =>
        GuardAsync("ProcessBounceMailbox", async () =>
        {
            var parts = await _runtime.ReadyAsync(cancellationToken);
            return (await MailboxReader.ProcessAsync(_runtime.Options.Intake, parts.Inbound, cancellationToken)).Count;
        });

    /// <summary>Processes one inbound message (an MTA pipe or LMTP hook can hand messages over directly).</summary>
    public Task<string> ProcessInboundMessageAsync(string sourceId, byte[] message, CancellationToken cancellationToken) =>
        GuardAsync("ProcessInboundMessage", async () =>
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(sourceId);
            ArgumentNullException.ThrowIfNull(message);
            var parts = await _runtime.ReadyAsync(cancellationToken);
            return (await parts.Inbound.ProcessAsync(sourceId, message, cancellationToken)).ToString();
        });

    /// <summary>The report data of a list: key figures plus machine traffic, clicks per link and inbound mail by kind.</summary>
    public Task<SmtpListReport> GetReportAsync(string listId, CancellationToken cancellationToken) =>
        GuardAsync("GetReport", async () =>
        {
            var list = await ListAsync(listId, "GetReport", cancellationToken);
            var events = await Store.GetListEventsAsync(list.Id, cancellationToken);
            var figures = KeyFigures.FromEvents(events.Select(e => e.ToReaction()));
            var links = new List<LinkClicks>();
            foreach (var mailingId in events.Where(e => e.MailingId is not null).Select(e => e.MailingId!.Value).Distinct())
            {
                var clicks = events.Where(e => e.MailingId == mailingId && e.Kind == ReactionKind.Click).ToList();
                foreach (var group in clicks.GroupBy(e => e.Url ?? string.Empty))
                {
                    var index = await LinkIndexAsync(mailingId, group.Key, cancellationToken);
                    links.Add(new LinkClicks(SmtpStore.Id(mailingId), index, group.Key, group.Count(), group.Select(e => e.Record).Distinct().Count(), group.Count(e => e.IsMachine)));
                }
            }
            var inbound = await Store.CountInboundAsync(cancellationToken);
            return new SmtpListReport(figures, events.Count(e => e.Kind == ReactionKind.Open && e.IsMachine), events.Count(e => e.Kind == ReactionKind.Click && e.IsMachine),
                links, inbound.ToDictionary(i => i.Key.ToString(), i => i.Value));
        });

    private async Task<int> LinkIndexAsync(long mailingId, string url, CancellationToken cancellationToken)
    {
        for (var i = 0; ; i++)
        {
            var link = await Store.GetLinkAsync(mailingId, i, cancellationToken);
            if (link is null)
                return -1;
            if (link == url)
                return i;
        }
    }

    private void CheckSendable(MailingRequest request, MessageComposer composer)
    {
        if (!EmailAddressRules.IsValid(request.FromAddress))
            throw new PlatformPermanentException(Name, "SendMailing", "The sender address is not a valid email address.");
        if (request.ReplyToAddress is { } replyTo && !EmailAddressRules.IsValid(replyTo))
            throw new PlatformPermanentException(Name, "SendMailing", "The reply-to address is not a valid email address.");
        if (string.IsNullOrWhiteSpace(request.Subject))
            throw new PlatformPermanentException(Name, "SendMailing", "The mailing has no subject.");
        var options = _runtime.Options;
        if (!composer.Signs)
        {
            if (!options.AllowUnsignedForLocalUse)
                throw new PlatformPermanentException(Name, "SendMailing",
                    "No DKIM key is configured (Platforms:Smtp:Dkim); marketing mail is refused unsigned. Set AllowUnsignedForLocalUse only for local use.");
            return;
        }
        var fromDomain = SmtpStore.DomainOf(request.FromAddress);
        var dkimDomain = options.Dkim.Domain!.Trim().ToLowerInvariant();
        if (fromDomain != dkimDomain && !fromDomain.EndsWith("." + dkimDomain, StringComparison.Ordinal))
            throw new PlatformPermanentException(Name, "SendMailing",
                $"The sender's domain does not align with the DKIM domain {dkimDomain} (DMARC); use a sender at {dkimDomain} or one of its subdomains.");
    }

    private RecipientOutcome? Refusal(PlatformRecipient recipient)
    {
        if (!EmailAddressRules.IsValid(recipient.EmailAddress))
            return RecipientOutcome.Rejected(recipient.Record, RejectionReason.InvalidAddress, "The address is not a valid email address.");
        var tooLong = recipient.Fields.FirstOrDefault(f => f.Value is not null && f.Value.Length > Capabilities.MaxFieldLength);
        if (tooLong.Key is not null)
            return RecipientOutcome.Rejected(recipient.Record, RejectionReason.InvalidField, $"Field {tooLong.Key} is longer than {Capabilities.MaxFieldLength} characters.");
        return null;
    }

    private async Task<StoredList> ListAsync(string listId, string operation, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(listId);
        await _runtime.ReadyAsync(cancellationToken);
        var list = long.TryParse(listId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? await Store.GetListAsync(id, cancellationToken) : null;
        return list ?? throw new PlatformPermanentException(Name, operation, $"List {listId} does not exist.");
    }

    private static async Task<T> GuardAsync<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (DbException e)
        {
            throw new PlatformTransientException(Name, operation, $"The platform store failed during {operation} ({e.GetType().Name}).", e);
        }
        catch (TransportUnavailableException e)
        {
            throw new PlatformTransientException(Name, operation, $"The relay is unavailable during {operation}: {e.Message}", e);
        }
        catch (TimeoutException e)
        {
            throw new PlatformTransientException(Name, operation, $"{operation} timed out.", e);
        }
    }
}
