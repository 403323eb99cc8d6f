using System.Collections.Concurrent;
using System.Globalization;
using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;
using EmailConnector.Platforms.Dotdigital.Api;
using EmailConnector.Platforms.Dotdigital.Contacts;

namespace EmailConnector.Platforms.Dotdigital.Reactions;

/// <summary>
/// The reaction feeds, from Dotdigital's pull APIs: per campaign with activity since the window's start
/// (<c>/v2/campaigns/with-activity-since</c>) the <c>activities</c>, <c>opens</c> and <c>clicks</c> since-date feeds and
/// the per-contact replies; account and address-book unsubscribes; complaints from the suppression feed; sign-ups from
/// v3 contacts created since. v2 pages with select/skip, v3 with markers.
/// </summary>
/// <remarks>
/// Dotdigital does not say whether since-date is inclusive, nor when an event becomes visible; a pull therefore reads a
/// fixed window [since − overlap, server time at its start] and rests at that server time + 1 ms. Events recorded late,
/// with a date before the cursor, come through the overlap window. v2 rows carry no event id, so ids are derived from
/// the content and a re-read row carries the same id (the worker dedupes on it). Bounces have no date of their own
/// (activity rows only flag them) and use the send date; a bounced recipient's row comes again whenever the recipient
/// has new activity, with the same id.
/// </remarks>
internal sealed class ReactionReader(DotdigitalContext context, ContactDirectory directory)
{
    private const string Operation = "ReadReactions";
    private const int V2PageMax = 1000;
    private const int V3PageSize = 1000;
    private const int RepliesPageMax = 5;
    private static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(1);
    private readonly ConcurrentDictionary<int, int?> _bookOfCampaign = new();

    public async Task<ReactionPage> ReadAsync(ReactionFeedRequest request, int maxPageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var max = Math.Clamp(request.MaxEvents, 1, maxPageSize);
        var cursor = FeedCursor.Decode(request.Cursor, request.Feed);
        if (cursor.IsResting)
        {
            var from = cursor.Since is { } since ? since - request.Overlap : DotdigitalContext.Origin;
            if (from < DotdigitalContext.Origin)
                from = DotdigitalContext.Origin;
            var upTo = await ServerTimeAsync(cancellationToken).ConfigureAwait(false);
            cursor = cursor with { From = from, UpTo = upTo, Sources = await SourcesAsync(request.Feed, from, cancellationToken).ConfigureAwait(false) };
        }

        var events = new List<ReactionEvent>();
        var window = new Window(cursor.From!.Value, cursor.UpTo!.Value);
        var full = false;
        while (!full && cursor.Index < cursor.Sources!.Count)
        {
            var page = await FetchAsync(request.Feed, cursor.Sources[cursor.Index], window, cursor, max - events.Count, cancellationToken).ConfigureAwait(false);
            var first = page.RowsAreFromSkip ? 0 : cursor.Skip;
            var consumed = first;
            for (; consumed < page.Rows.Count && !full; )
            {
                var rowEvents = (await page.Rows[consumed]().ConfigureAwait(false)).Skip(cursor.Sub).ToList();
                var space = max - events.Count;
                if (rowEvents.Count > space)
                {
                    events.AddRange(rowEvents.Take(space));
                    cursor = cursor with { Sub = cursor.Sub + space };
                    full = true;
                    break;
                }
                events.AddRange(rowEvents);
                consumed++;
                cursor = cursor with { Skip = cursor.Skip + 1, Sub = 0 };
                full = events.Count >= max;
            }
            if (consumed < page.Rows.Count)
                break; // the page is not done: the cursor points into it
            cursor = page.NextMarker is { } marker
                ? cursor with { Marker = marker, Skip = 0, Sub = 0 }
                : page.IsLast
                    ? cursor with { Index = cursor.Index + 1, Skip = 0, Sub = 0, Marker = null }
                    : cursor;
        }

        var hasMore = cursor.Index < cursor.Sources!.Count;
        var next = hasMore ? cursor : new FeedCursor { Feed = request.Feed, Since = window.UpTo + Resolution };
        var ordered = events.OrderBy(e => e.OccurredAt).Select(e => e.Validate()).ToList();
        Log.FeedPage(context.Logger, request.Feed.ToString(), ordered.Count, hasMore);
        return new ReactionPage(ordered, next.Encode(), hasMore);
    }

    private async Task<DateTimeOffset> ServerTimeAsync(CancellationToken cancellationToken) =>
        await context.Api.GetAsync<DateTimeOffset>("v2/server-time", "GET v2/server-time", Operation, cancellationToken).ConfigureAwait(false);

    private async Task<IReadOnlyList<string>> SourcesAsync(ReactionFeed feed, DateTimeOffset from, CancellationToken cancellationToken)
    {
        switch (feed)
        {
            case ReactionFeed.Complaints:
                return ["s"];
            case ReactionFeed.NewSubscribers:
                return ["n"];
        }
        var campaigns = new List<int>();
        for (var skip = 0; ; skip += V2PageMax)
        {
            var page = await context.Api.GetAsync<List<ApiCampaign>>($"v2/campaigns/with-activity-since/{DotdigitalJson.PathDate(from)}?select={V2PageMax}&skip={skip}",
                "GET v2/campaigns/with-activity-since", Operation, cancellationToken).ConfigureAwait(false);
            campaigns.AddRange(page.Where(c => c.Id is not null).Select(c => c.Id!.Value));
            if (page.Count < V2PageMax)
                break;
        }
        campaigns = campaigns.Distinct().Order().ToList();
        if (feed != ReactionFeed.Unsubscribes)
            return campaigns.Select(c => "c:" + c.ToString(CultureInfo.InvariantCulture)).ToList();

        var books = new SortedSet<int>();
        foreach (var campaign in campaigns)
        {
            if (await BookOfCampaignAsync(campaign, cancellationToken).ConfigureAwait(false) is { } book)
                books.Add(book);
        }
        return ["a", .. books.Select(b => "b:" + b.ToString(CultureInfo.InvariantCulture))];
    }

    private async Task<Page> FetchAsync(ReactionFeed feed, string source, Window window, FeedCursor cursor, int wanted, CancellationToken cancellationToken)
    {
        var select = Math.Clamp(wanted, 1, V2PageMax);
        var date = DotdigitalJson.PathDate(window.From);
        var paging = $"?select={select}&skip={cursor.Skip}";
        var id = source.Length > 2 ? int.Parse(source.AsSpan(2), CultureInfo.InvariantCulture) : 0;
        switch (feed, source[0])
        {
            case (ReactionFeed.Sends or ReactionFeed.Bounces or ReactionFeed.Replies, 'c'):
            {
                var rows = await context.Api.GetAsync<List<ApiCampaignContactSummary>>($"v2/campaigns/{id}/activities/since-date/{date}{paging}",
                    "GET v2/campaigns/{id}/activities/since-date", Operation, cancellationToken).ConfigureAwait(false);
                var book = await BookOfCampaignAsync(id, cancellationToken).ConfigureAwait(false);
                return V2Page(rows.Select<ApiCampaignContactSummary, Func<Task<IReadOnlyList<ReactionEvent>>>>(row => feed switch
                {
                    ReactionFeed.Sends => () => SentAsync(row, id, book, window, cancellationToken),
                    ReactionFeed.Bounces => () => BounceAsync(row, id, book, cancellationToken),
                    _ => () => RepliesAsync(row, id, book, window, cancellationToken),
                }).ToList(), select);
            }
            case (ReactionFeed.Opens, 'c'):
            {
                var rows = await context.Api.GetAsync<List<ApiCampaignContactOpen>>($"v2/campaigns/{id}/opens/since-date/{date}{paging}",
                    "GET v2/campaigns/{id}/opens/since-date", Operation, cancellationToken).ConfigureAwait(false);
                var book = await BookOfCampaignAsync(id, cancellationToken).ConfigureAwait(false);
                return V2Page(rows.Select<ApiCampaignContactOpen, Func<Task<IReadOnlyList<ReactionEvent>>>>(row => () => OpenAsync(row, id, book, window, cancellationToken)).ToList(), select);
            }
            case (ReactionFeed.Clicks, 'c'):
            {
                var rows = await context.Api.GetAsync<List<ApiCampaignContactClick>>($"v2/campaigns/{id}/clicks/since-date/{date}{paging}",
                    "GET v2/campaigns/{id}/clicks/since-date", Operation, cancellationToken).ConfigureAwait(false);
                var book = await BookOfCampaignAsync(id, cancellationToken).ConfigureAwait(false);
                return V2Page(rows.Select<ApiCampaignContactClick, Func<Task<IReadOnlyList<ReactionEvent>>>>(row => () => ClickAsync(row, id, book, window, cancellationToken)).ToList(), select);
            }
            case (ReactionFeed.Unsubscribes, 'a'):
            {
                var rows = await context.Api.GetAsync<List<ApiContactSuppression>>($"v2/contacts/unsubscribed-since/{date}{paging}",
                    "GET v2/contacts/unsubscribed-since", Operation, cancellationToken).ConfigureAwait(false);
                return V2Page(rows.Select<ApiContactSuppression, Func<Task<IReadOnlyList<ReactionEvent>>>>(row => () => SuppressionEventAsync(row, ReactionKind.Unsubscribe, null, window, cancellationToken)).ToList(), select);
            }
            case (ReactionFeed.Unsubscribes, 'b'):
            {
                var rows = await context.Api.GetAsync<List<ApiContactSuppression>>($"v2/address-books/{id}/contacts/unsubscribed-since/{date}{paging}",
                    "GET v2/address-books/{id}/contacts/unsubscribed-since", Operation, cancellationToken).ConfigureAwait(false);
                return V2Page(rows.Select<ApiContactSuppression, Func<Task<IReadOnlyList<ReactionEvent>>>>(row => () => SuppressionEventAsync(row, ReactionKind.Unsubscribe, id, window, cancellationToken)).ToList(), select);
            }
            case (ReactionFeed.Complaints, 's'):
            {
                var rows = await context.Api.GetAsync<List<ApiContactSuppression>>($"v2/contacts/suppressed-since/{date}{paging}",
                    "GET v2/contacts/suppressed-since", Operation, cancellationToken).ConfigureAwait(false);
                return V2Page(rows.Select<ApiContactSuppression, Func<Task<IReadOnlyList<ReactionEvent>>>>(row => () => row.Reason is "IspComplained" or "DirectComplaint"
                    ? SuppressionEventAsync(row, ReactionKind.Complaint, null, window, cancellationToken)
                    : Task.FromResult<IReadOnlyList<ReactionEvent>>([])).ToList(), select);
            }
            case (ReactionFeed.NewSubscribers, 'n'):
            {
                var query = $"contacts/v3?~created={Uri.EscapeDataString("gte::" + DotdigitalJson.PathDate(window.From))}&limit={V3PageSize}&include=lists&data-fields={Uri.EscapeDataString("[[ALL]]")}";
                if (cursor.Marker is { } marker)
                    query += "&marker=" + Uri.EscapeDataString(marker);
                var page = await context.Api.GetAsync<V3ContactPage>(query, "GET contacts/v3", Operation, cancellationToken).ConfigureAwait(false);
                var rows = page.Items.Select<V3Contact, Func<Task<IReadOnlyList<ReactionEvent>>>>(contact => () => Task.FromResult(SignUp(contact, window))).ToList();
                return new Page(rows, RowsAreFromSkip: false, IsLast: page.Links?.Next?.Marker is null, NextMarker: page.Links?.Next?.Marker);
            }
            default:
                throw new InvalidOperationException($"Source '{source}' does not belong to the {feed} feed.");
        }
    }

    private static Page V2Page(IReadOnlyList<Func<Task<IReadOnlyList<ReactionEvent>>>> rows, int select) =>
        new(rows, RowsAreFromSkip: true, IsLast: rows.Count < select, NextMarker: null);

    private async Task<IReadOnlyList<ReactionEvent>> SentAsync(ApiCampaignContactSummary row, int campaign, int? book, Window window, CancellationToken cancellationToken)
    {
        if (!window.Contains(row.DateSent) || await RecordAsync(row.ContactId, "Sends", cancellationToken).ConfigureAwait(false) is not { } record)
            return [];
        return [Event(ReactionKind.Sent, row.ContactId, campaign, book, row.DateSent, record, null)];
    }

    private async Task<IReadOnlyList<ReactionEvent>> BounceAsync(ApiCampaignContactSummary row, int campaign, int? book, CancellationToken cancellationToken)
    {
        if (!(row.HardBounced || row.SoftBounced) || await RecordAsync(row.ContactId, "Bounces", cancellationToken).ConfigureAwait(false) is not { } record)
            return [];
        var category = row.HardBounced ? BounceCategory.Hard : BounceCategory.Soft;
        return [Event(ReactionKind.Bounce, row.ContactId, campaign, book, row.DateSent, record, category.ToString()) with { BounceCategory = category }];
    }

    private async Task<IReadOnlyList<ReactionEvent>> RepliesAsync(ApiCampaignContactSummary row, int campaign, int? book, Window window, CancellationToken cancellationToken)
    {
        if (row.NumReplies <= 0 || await RecordAsync(row.ContactId, "Replies", cancellationToken).ConfigureAwait(false) is not { } record)
            return [];
        var events = new List<ReactionEvent>();
        for (var skip = 0; ; skip += RepliesPageMax)
        {
            // Replies exist only per contact, at most five per call.
            var replies = await context.Api.GetAsync<List<ApiCampaignContactReply>>(
                $"v2/campaigns/{campaign}/activities/{row.ContactId}/replies?select={RepliesPageMax}&skip={skip}",
                "GET v2/campaigns/{id}/activities/{contactId}/replies", Operation, cancellationToken).ConfigureAwait(false);
            foreach (var reply in replies.Where(r => window.Contains(r.DateReplied)))
            {
                var kind = reply.ReplyType switch
                {
                    "Reply" => ReactionKind.Reply,
                    "AutoReply" => ReactionKind.AutoReply,
                    _ => (ReactionKind?)null, // challenge responses and unsafe mail are not the recipient's answer
                };
                if (kind is { } k)
                    events.Add(Event(k, row.ContactId, campaign, book, reply.DateReplied, record, null));
            }
            if (replies.Count < RepliesPageMax)
                return events;
        }
    }

    private async Task<IReadOnlyList<ReactionEvent>> OpenAsync(ApiCampaignContactOpen row, int campaign, int? book, Window window, CancellationToken cancellationToken)
    {
        if (!window.Contains(row.DateOpened) || await RecordAsync(row.ContactId, "Opens", cancellationToken).ConfigureAwait(false) is not { } record)
            return [];
        return [Event(ReactionKind.Open, row.ContactId, campaign, book, row.DateOpened, record, $"{row.IpAddress}|{row.UserAgent}|{row.IsForward}")
            with { IpAddress = Blank(row.IpAddress), UserAgent = Blank(row.UserAgent) }];
    }

    private async Task<IReadOnlyList<ReactionEvent>> ClickAsync(ApiCampaignContactClick row, int campaign, int? book, Window window, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(row.Url) || !window.Contains(row.DateClicked) || await RecordAsync(row.ContactId, "Clicks", cancellationToken).ConfigureAwait(false) is not { } record)
            return [];
        return [Event(ReactionKind.Click, row.ContactId, campaign, book, row.DateClicked, record, $"{row.Url}|{row.IpAddress}|{row.UserAgent}")
            with { Url = row.Url, IpAddress = Blank(row.IpAddress), UserAgent = Blank(row.UserAgent) }];
    }

    private async Task<IReadOnlyList<ReactionEvent>> SuppressionEventAsync(ApiContactSuppression row, ReactionKind kind, int? book, Window window, CancellationToken cancellationToken)
    {
        if (!window.Contains(row.DateRemoved) || row.SuppressedContact is not { } contact)
            return [];
        var record = directory.RecordOf(contact);
        if (record is null && contact.Id is { } contactId)
            record = await directory.RecordOfContactAsync(contactId, Operation, cancellationToken).ConfigureAwait(false);
        if (record is null)
            return [];
        var scope = book is null ? UnsubscribeScope.Global : UnsubscribeScope.List;
        var id = ReactionEventIds.Derive(kind, record.Value.ToString(), book?.ToString(CultureInfo.InvariantCulture), row.DateRemoved, kind == ReactionKind.Unsubscribe ? scope.ToString() : row.Reason);
        return [new ReactionEvent
        {
            EventId = id,
            Kind = kind,
            OccurredAt = row.DateRemoved,
            Record = record,
            ListId = book?.ToString(CultureInfo.InvariantCulture),
            UnsubscribeScope = kind == ReactionKind.Unsubscribe ? scope : null,
        }.Validate()];
    }

    private IReadOnlyList<ReactionEvent> SignUp(V3Contact contact, Window window)
    {
        // Contacts carrying a record came from CRM; a sign-up is someone CRM does not know yet.
        if (!window.Contains(contact.Created) || directory.RecordOf(contact) is not null ||
            ContactDirectory.Value(contact.Identifiers, "email") is not { Length: > 0 } email)
            return [];
        return [new ReactionEvent
        {
            EventId = "dd-contact-" + contact.ContactId.ToString(CultureInfo.InvariantCulture),
            Kind = ReactionKind.Subscribe,
            OccurredAt = contact.Created,
            EmailAddress = email,
            ListId = contact.Lists?.FirstOrDefault()?.Id.ToString(CultureInfo.InvariantCulture),
            Fields = (contact.DataFields ?? new Dictionary<string, System.Text.Json.JsonElement>())
                .ToDictionary(f => f.Key, f => DotdigitalJson.Text(f.Value), StringComparer.OrdinalIgnoreCase),
        }.Validate()];
    }

    private static ReactionEvent Event(ReactionKind kind, int contactId, int campaign, int? book, DateTimeOffset at, RecordReference record, string? detail) =>
        new ReactionEvent
        {
            EventId = ReactionEventIds.Derive(kind, contactId.ToString(CultureInfo.InvariantCulture), campaign.ToString(CultureInfo.InvariantCulture), at, detail),
            Kind = kind,
            OccurredAt = at,
            Record = record,
            ListId = book?.ToString(CultureInfo.InvariantCulture),
            MailingId = campaign.ToString(CultureInfo.InvariantCulture),
        };

    private async Task<RecordReference?> RecordAsync(int contactId, string feed, CancellationToken cancellationToken)
    {
        var record = await directory.RecordOfContactAsync(contactId, Operation, cancellationToken).ConfigureAwait(false);
        if (record is null)
            Log.ContactWithoutRecord(context.Logger, feed, contactId);
        return record;
    }

    private async Task<int?> BookOfCampaignAsync(int campaign, CancellationToken cancellationToken)
    {
        if (_bookOfCampaign.TryGetValue(campaign, out var known))
            return known;
        var books = await context.Api.GetAsync<List<ApiAddressBook>>($"v2/campaigns/{campaign}/address-books?select={V2PageMax}&skip=0",
            "GET v2/campaigns/{id}/address-books", Operation, cancellationToken).ConfigureAwait(false);
        var book = books.Select(b => b.Id).FirstOrDefault(i => i is not null);
        if (book is not null)
            _bookOfCampaign[campaign] = book;
        return book;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private sealed record Window(DateTimeOffset From, DateTimeOffset UpTo)
    {
        public bool Contains(DateTimeOffset at) => at >= From && at <= UpTo;
    }

    private sealed record Page(IReadOnlyList<Func<Task<IReadOnlyList<ReactionEvent>>>> Rows, bool RowsAreFromSkip, bool IsLast, string? NextMarker);
}
