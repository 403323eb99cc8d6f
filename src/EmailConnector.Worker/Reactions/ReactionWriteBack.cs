using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EmailConnector.Core;
using EmailConnector.Core.Reactions;
using EmailConnector.Core.Recipients;
using EmailConnector.Dataverse;
using EmailConnector.Dataverse.Rows;
using EmailConnector.Schema;
using CoreEmailActivityMode = EmailConnector.Core.Reactions.EmailActivityMode;
using CoreResponseMode = EmailConnector.Core.Reactions.ResponseMode;
using SchemaBounceCategory = EmailConnector.Schema.BounceCategory;
using SchemaEmailActivityMode = EmailConnector.Schema.EmailActivityMode;
using SchemaResponseMode = EmailConnector.Schema.ResponseMode;

namespace EmailConnector.Worker.Reactions;

/// <summary>
/// Writes one page of reaction events back to Dataverse, idempotently: rows are addressed by alternate keys
/// (campaign response key, click event id, suppression address) or found before they are created (list unsubscribes),
/// so the same page written twice leaves the same rows.
/// </summary>
/// <remarks>
/// Counters must not count a replayed event twice, and the cursor (500 characters) cannot hold the ids of what was
/// applied. So counters use time watermarks on the row they live on: an event counts only when it occurred after
/// what the row already holds (opens: the response's <c>ec_lastreactionon</c>; clicks: its own
/// <c>ec_lastclickon</c>, since the opens feed is written first and a shared watermark would drop a click older than
/// the person's latest open; bounces: the recipient's <c>ec_lastbounceon</c>). A replay therefore never
/// double-counts; the price is that an event the platform records after a newer one of the same kind and person was
/// written is not counted (its category still is). With the platform account's click detail "Every click" each click
/// is also an <c>ec_emailclick</c> row keyed by its event's dedupe key, and the click count is derived from those
/// rows instead (recounted after each page), so it is exact.
/// </remarks>
public sealed class ReactionWriteBack(
    DataverseClient client,
    TimeProvider time,
    BulkCreates creator,
    EmailActivityWriter emails,
    LeadWriter leads)
{
    private const string Responses = "campaignresponses";
    private const string Clicks = "ec_emailclicks";
    private const string PlatformAccounts = "ec_platformaccounts";
    private static readonly string CampaignValue = "_regardingobjectid_value";

    /// <summary>
    /// Writes the page at the account's click detail (read first); returns the campaign activities its events belong
    /// to (for their key figures).
    /// </summary>
    public async Task<IReadOnlyCollection<Guid>> WriteAsync(Guid platformAccountId, IReadOnlyList<ReactionEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
            return [];
        var detail = await ReadClickDetailAsync(platformAccountId, cancellationToken).ConfigureAwait(false);
        return await WriteAsync(platformAccountId, detail, events, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The account's <c>ec_clickdetail</c>; unset (or no such account) is the default, Counts only.</summary>
    public async Task<ClickDetail> ReadClickDetailAsync(Guid platformAccountId, CancellationToken cancellationToken)
    {
        var row = await client.TryRetrieveAsync(PlatformAccounts, platformAccountId, RetrieveOptions.Columns(PlatformAccount.ClickDetail), cancellationToken).ConfigureAwait(false);
        return row?.GetOptionValue(PlatformAccount.ClickDetail) == (int)ClickDetail.EveryClick ? ClickDetail.EveryClick : ClickDetail.CountsOnly;
    }

    /// <summary>Writes the page at the given click detail; returns the campaign activities its events belong to.</summary>
    public async Task<IReadOnlyCollection<Guid>> WriteAsync(Guid platformAccountId, ClickDetail detail, IReadOnlyList<ReactionEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var all = events.DistinctBy(e => ReactionEventIds.DedupeKey(platformAccountId.ToString("N"), e)).ToList();
        if (all.Count == 0)
            return [];
        var activities = await ReadActivitiesAsync(platformAccountId, all, cancellationToken).ConfigureAwait(false);
        // New subscribers are the only events without a CRM record.
        await leads.WriteAsync(all, activities, cancellationToken).ConfigureAwait(false);
        var unique = all.Where(e => e.Record is not null).ToList();
        var touched = all.Where(e => e.ListId is not null && activities.ContainsKey(e.ListId)).Select(e => activities[e.ListId!].Id).ToHashSet();
        if (unique.Count == 0)
            return touched;
        await emails.WriteAsync(platformAccountId, unique, activities, cancellationToken).ConfigureAwait(false);
        await WriteResponsesAsync(platformAccountId, detail, unique, activities, cancellationToken).ConfigureAwait(false);
        await WriteBouncesAsync(unique.Where(e => e.Kind == ReactionKind.Bounce).ToList(), cancellationToken).ConfigureAwait(false);
        await WriteOptOutsAsync(platformAccountId, unique.Where(IsGlobalOptOut).ToList(), cancellationToken).ConfigureAwait(false);
        await WriteListUnsubscribesAsync(unique.Where(e => e.Kind == ReactionKind.Unsubscribe && e.UnsubscribeScope == UnsubscribeScope.List).ToList(), activities, cancellationToken).ConfigureAwait(false);
        return touched;
    }

    private static bool IsGlobalOptOut(ReactionEvent e) =>
        e.Kind == ReactionKind.Complaint || (e.Kind == ReactionKind.Unsubscribe && e.UnsubscribeScope == UnsubscribeScope.Global);

    private async Task<Dictionary<string, ReactionActivity>> ReadActivitiesAsync(Guid platformAccountId, IReadOnlyList<ReactionEvent> events, CancellationToken cancellationToken)
    {
        var listIds = events.Select(e => e.ListId).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var activities = new Dictionary<string, ReactionActivity>(StringComparer.Ordinal);
        foreach (var batch in FetchValueBatches.Of(listIds))
        {
            var fetch = ReactionQueries.InAccount(CampaignActivityColumns.EntityName, CampaignActivityColumns.PlatformListId, batch,
                CampaignActivityColumns.PlatformAccountId, platformAccountId, "activityid", CampaignActivityColumns.PlatformListId, CampaignActivityColumns.ResponseMode, "regardingobjectid",
                CampaignActivityColumns.EmailActivityMode, CampaignActivityColumns.GenerateLeads, "subject", CampaignActivityColumns.Sender);
            await foreach (var row in client.FetchAsync(EntitySets.CampaignActivities, fetch, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var mode = row.GetOptionValue(CampaignActivityColumns.ResponseMode) == (int)SchemaResponseMode.ClicksAndOpens
                    ? CoreResponseMode.ClicksAndOpens
                    : CoreResponseMode.Clicks;
                activities[row.GetString(CampaignActivityColumns.PlatformListId)!] = new ReactionActivity(
                    row.GetGuid("activityid")!.Value,
                    mode,
                    row.GetGuid(CampaignValue),
                    ToCore(row.GetOptionValue(CampaignActivityColumns.EmailActivityMode)),
                    row.GetBoolean(CampaignActivityColumns.GenerateLeads) == true,
                    row.GetString("subject"),
                    row.GetString(CampaignActivityColumns.Sender));
            }
        }

        return activities;
    }

    // No value is None: an activity nobody configured gets no email activities.
    private static CoreEmailActivityMode ToCore(int? mode) => mode switch
    {
        (int)SchemaEmailActivityMode.Subject => CoreEmailActivityMode.Subject,
        (int)SchemaEmailActivityMode.Complete => CoreEmailActivityMode.Complete,
        _ => CoreEmailActivityMode.None,
    };

    private async Task WriteResponsesAsync(Guid platformAccountId, ClickDetail detail, IReadOnlyList<ReactionEvent> events, Dictionary<string, ReactionActivity> activities, CancellationToken cancellationToken)
    {
        var relevant = events
            .Where(e => CampaignResponseRules.CategoryOf(e.Kind) != ResponseCategories.None && e.ListId is not null && activities.ContainsKey(e.ListId))
            .OrderBy(e => e.OccurredAt)
            .ToList();
        if (relevant.Count == 0)
            return;
        var keyed = relevant.GroupBy(e => CampaignResponseRules.ResponseKey(activities[e.ListId!].Id, e.Record!.Value)).ToList();
        var existing = await ReadResponsesAsync(keyed.Select(g => g.Key), cancellationToken).ConfigureAwait(false);

        var writes = new List<DataverseRow>();
        var creates = new List<(DataverseRow Row, ReactionEvent First)>();
        var clicks = new List<(ReactionEvent Click, ReactionActivity Activity, string Key)>();
        foreach (var group in keyed)
        {
            var first = group.First();
            var activity = activities[first.ListId!];
            existing.TryGetValue(group.Key, out var stored);
            var response = new ResponseState(stored, detail);
            foreach (var reaction in group)
            {
                var action = CampaignResponseRules.Decide(reaction, activity.Mode, response.Exists);
                if (action == ResponseAction.None)
                    continue;
                response.Apply(reaction, action);
                if (reaction.Kind != ReactionKind.Click || detail != ClickDetail.EveryClick)
                    continue;
                clicks.Add((reaction, activity, group.Key));
            }

            if (!response.Changed)
                continue;
            if (stored is null)
                creates.Add((response.ToRow(group.Key, activity, time.GetUtcNow()), first));
            else
                writes.Add(response.ToRow(group.Key, activity, time.GetUtcNow()));
        }

        if (writes.Count > 0)
            await client.UpsertMultipleAsync(Responses, CampaignResponseColumns.EntityName, writes, cancellationToken).ConfigureAwait(false);
        await CreateResponsesAsync(creates, cancellationToken).ConfigureAwait(false);
        if (clicks.Count > 0)
        {
            // Only the responses this page created have to be read back for their ids; the others were read above
            // and the upsert left their click counts alone.
            var clicked = clicks.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
            var responses = existing.Where(e => clicked.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
            foreach (var (key, created) in await ReadResponsesAsync(clicked.Where(k => !responses.ContainsKey(k)), cancellationToken).ConfigureAwait(false))
                responses[key] = created;
            var rows = clicks.Select(c => ClickRow(platformAccountId, c.Click, c.Activity, responses[c.Key].Id)).ToList();
            await client.UpsertMultipleAsync(Clicks, EmailClick.EntityName, rows, cancellationToken).ConfigureAwait(false);
            await RecountClicksAsync(responses, cancellationToken).ConfigureAwait(false);
        }
    }

    // A new response carries its customer party inline (campaignresponse_activity_parties), which the Web API takes
    // only in a create, so new responses are created, not upserted. One another worker created meanwhile (its
    // alternate key refuses ours) is then updated by key like any existing response.
    private async Task CreateResponsesAsync(List<(DataverseRow Row, ReactionEvent First)> creates, CancellationToken cancellationToken)
    {
        if (creates.Count == 0)
            return;
        var rows = creates.Select(c =>
        {
            var row = c.Row.Clone();
            row.Json.Remove("@odata.id");
            return row.WithParties(CampaignResponseColumns.EntityName, ActivityParties.Record(c.First.Record!.Value, ActivityParties.Customer));
        }).ToList();
        var existing = await creator.CreateAsync(Responses, CampaignResponseColumns.EntityName, rows, cancellationToken).ConfigureAwait(false);
        if (existing.Count == 0)
            return;
        var raced = existing.Select(i => creates[i].Row).ToList();
        foreach (var row in raced)
        {
            foreach (var name in new[] { "subject", CampaignResponseColumns.ClickCount, "ec_CampaignActivityId@odata.bind", "regardingobjectid_campaign_campaignresponse@odata.bind" })
                row.Json.Remove(name);
        }

        await client.UpsertMultipleAsync(Responses, CampaignResponseColumns.EntityName, raced, cancellationToken).ConfigureAwait(false);
    }

    private static DataverseRow ClickRow(Guid platformAccountId, ReactionEvent click, ReactionActivity activity, Guid responseId)
    {
        var record = click.Record!.Value;
        var row = new DataverseRow()
            .Set(EmailClick.Name, Truncate(click.Url, 100))
            .Set(EmailClick.Url, click.Url)
            .Set(EmailClick.ClickedOn, click.OccurredAt)
            .Set(EmailClick.IpAddress, click.IpAddress)
            .Set(EmailClick.UserAgent, Truncate(click.UserAgent, 500))
            .Bind("ec_CampaignActivityId", EntitySets.CampaignActivities, activity.Id)
            .Bind("ec_CampaignResponseId", Responses, responseId);
        BindRecipient(row, record);
        return DataverseClient.WithKey(row, Clicks, RecordKey.ForAlternateKey((EmailClick.PlatformEventId, ReactionEventIds.DedupeKey(platformAccountId.ToString("N"), click))));
    }

    private async Task RecountClicksAsync(Dictionary<string, StoredResponse> responses, CancellationToken cancellationToken)
    {
        var ids = responses.Values.ToDictionary(r => r.Id, r => r.Key);
        var counts = ids.Keys.ToDictionary(id => id, _ => 0);
        foreach (var batch in FetchValueBatches.Of(ids.Keys.Select(id => id.ToString("D"))))
        {
            var fetch = ReactionQueries.In(EmailClick.EntityName, EmailClick.CampaignResponseId, batch, EmailClick.PrimaryId, EmailClick.CampaignResponseId);
            await foreach (var row in client.FetchAsync(Clicks, fetch, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (row.GetGuid("_" + EmailClick.CampaignResponseId + "_value") is { } id && counts.ContainsKey(id))
                    counts[id]++;
            }
        }

        var updates = counts.Where(c => responses[ids[c.Key]].ClickCount != c.Value)
            .Select(c => new DataverseRow().Set("activityid", c.Key).Set(CampaignResponseColumns.ClickCount, c.Value))
            .ToList();
        if (updates.Count > 0)
            await client.UpdateMultipleAsync(Responses, CampaignResponseColumns.EntityName, updates, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Dictionary<string, StoredResponse>> ReadResponsesAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, StoredResponse>(StringComparer.Ordinal);
        foreach (var batch in FetchValueBatches.Of(keys))
        {
            var fetch = ReactionQueries.In(CampaignResponseColumns.EntityName, CampaignResponseColumns.ResponseKey, batch,
                "activityid", CampaignResponseColumns.ResponseKey, CampaignResponseColumns.OpenCount, CampaignResponseColumns.ClickCount,
                CampaignResponseColumns.ReactionCategories, CampaignResponseColumns.LastReactionOn, CampaignResponseColumns.LastClickOn);
            await foreach (var row in client.FetchAsync(Responses, fetch, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var key = row.GetString(CampaignResponseColumns.ResponseKey)!;
                found[key] = new StoredResponse(
                    row.GetGuid("activityid")!.Value,
                    key,
                    row.GetInt32(CampaignResponseColumns.OpenCount) ?? 0,
                    row.GetInt32(CampaignResponseColumns.ClickCount) ?? 0,
                    row.GetOptionValues(CampaignResponseColumns.ReactionCategories),
                    Utc(row.GetDateTime(CampaignResponseColumns.LastReactionOn)),
                    Utc(row.GetDateTime(CampaignResponseColumns.LastClickOn)));
            }
        }

        return found;
    }

    private async Task WriteBouncesAsync(IReadOnlyList<ReactionEvent> bounces, CancellationToken cancellationToken)
    {
        foreach (var table in bounces.GroupBy(b => b.Record!.Value.LogicalName))
        {
            if (table.Key is not ("account" or "contact" or "lead"))
                continue;
            var set = table.Key + "s";
            var current = new Dictionary<Guid, DataverseRow>();
            foreach (var batch in FetchValueBatches.Of(table.Select(b => b.Record!.Value.Id).Distinct().Select(id => id.ToString("D"))))
            {
                var fetch = ReactionQueries.In(table.Key, table.Key + "id", batch,
                    table.Key + "id", RecipientColumns.LastBounceOn, RecipientColumns.HardBounceCount, RecipientColumns.SoftBounceCount);
                await foreach (var row in client.FetchAsync(set, fetch, cancellationToken: cancellationToken).ConfigureAwait(false))
                    current[row.GetGuid(table.Key + "id")!.Value] = row;
            }

            var updates = new List<DataverseRow>();
            foreach (var person in table.GroupBy(b => b.Record!.Value.Id))
            {
                if (!current.TryGetValue(person.Key, out var row))
                    continue;
                var last = row.GetDateTime(RecipientColumns.LastBounceOn) is { } l ? new DateTimeOffset(DateTime.SpecifyKind(l, DateTimeKind.Utc)) : (DateTimeOffset?)null;
                var hard = row.GetInt32(RecipientColumns.HardBounceCount) ?? 0;
                var soft = row.GetInt32(RecipientColumns.SoftBounceCount) ?? 0;
                var update = new DataverseRow().Set(table.Key + "id", person.Key);
                var newest = last;
                foreach (var bounce in person.OrderBy(b => b.OccurredAt).Where(b => last is null || b.OccurredAt > last))
                {
                    switch (bounce.BounceCategory)
                    {
                        case Core.Reactions.BounceCategory.Hard:
                            hard++;
                            update.Set(RecipientColumns.EmailInvalid, true);
                            break;
                        case Core.Reactions.BounceCategory.Soft:
                            soft++;
                            break;
                    }

                    update.Set(RecipientColumns.BounceCategory, (int)ToSchema(bounce.BounceCategory!.Value));
                    newest = bounce.OccurredAt;
                }

                if (newest == last)
                    continue;
                updates.Add(update
                    .Set(RecipientColumns.HardBounceCount, hard)
                    .Set(RecipientColumns.SoftBounceCount, soft)
                    .Set(RecipientColumns.LastBounceOn, newest));
            }

            if (updates.Count > 0)
                await client.UpdateMultipleAsync(set, table.Key, updates, cancellationToken).ConfigureAwait(false);
        }
    }

    // Opt-out wins and nothing here ever sets donotbulkemail back to false: a later opt-in is a person's explicit act in CRM.
    private async Task WriteOptOutsAsync(Guid platformAccountId, IReadOnlyList<ReactionEvent> optOuts, CancellationToken cancellationToken)
    {
        if (optOuts.Count == 0)
            return;
        var addresses = new Dictionary<string, ReactionEvent>(StringComparer.Ordinal);
        foreach (var table in optOuts.GroupBy(e => e.Record!.Value.LogicalName))
        {
            var set = table.Key + "s";
            var current = new Dictionary<Guid, DataverseRow>();
            foreach (var batch in FetchValueBatches.Of(table.Select(e => e.Record!.Value.Id).Distinct().Select(id => id.ToString("D"))))
            {
                var fetch = ReactionQueries.In(table.Key, table.Key + "id", batch, table.Key + "id", "donotbulkemail", "emailaddress1");
                await foreach (var row in client.FetchAsync(set, fetch, cancellationToken: cancellationToken).ConfigureAwait(false))
                    current[row.GetGuid(table.Key + "id")!.Value] = row;
            }

            var updates = current.Values.Where(r => r.GetBoolean("donotbulkemail") != true)
                .Select(r => new DataverseRow().Set(table.Key + "id", r.GetGuid(table.Key + "id")).Set("donotbulkemail", true))
                .ToList();
            // Tagged: the platform reported the opt-out, so the consent step must not queue it back to the platform.
            if (updates.Count > 0)
                await client.UpdateMultipleAsync(set, table.Key, updates, WriteTags.OptOutFromPlatform, cancellationToken).ConfigureAwait(false);

            foreach (var optOut in table)
            {
                var address = optOut.EmailAddress ?? (current.TryGetValue(optOut.Record!.Value.Id, out var row) ? row.GetString("emailaddress1") : null);
                if (EmailAddressRules.IsValid(address))
                    addresses.TryAdd(EmailAddressRules.Normalize(address!), optOut);
            }
        }

        // An address already suppressed keeps its row as it is (its first reason and date).
        foreach (var batch in FetchValueBatches.Of(addresses.Keys))
        {
            var fetch = ReactionQueries.In(Suppression.EntityName, Suppression.EmailAddress, batch, Suppression.EmailAddress);
            await foreach (var row in client.FetchAsync("ec_suppressions", fetch, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (row.GetString(Suppression.EmailAddress) is { } known)
                    addresses.Remove(EmailAddressRules.Normalize(known));
            }
        }

        var rows = addresses.Select(a => DataverseClient.WithKey(new DataverseRow()
                .Set(Suppression.Reason, (int)(a.Value.Kind == ReactionKind.Complaint ? SuppressionReason.Complaint : SuppressionReason.Unsubscribed))
                .Set(Suppression.Source, (int)SuppressionSource.EmailPlatform)
                .Set(Suppression.SuppressedOn, a.Value.OccurredAt)
                .Bind("ec_PlatformAccountId", "ec_platformaccounts", platformAccountId),
            "ec_suppressions", RecordKey.ForAlternateKey((Suppression.EmailAddress, a.Key)))).ToList();
        if (rows.Count > 0)
            await client.UpsertMultipleAsync("ec_suppressions", Suppression.EntityName, rows, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteListUnsubscribesAsync(IReadOnlyList<ReactionEvent> unsubscribes, Dictionary<string, ReactionActivity> activities, CancellationToken cancellationToken)
    {
        foreach (var byActivity in unsubscribes.Where(u => activities.ContainsKey(u.ListId!)).GroupBy(u => activities[u.ListId!].Id))
        {
            var known = new HashSet<Guid>();
            var fetch = ReactionQueries.In(ListUnsubscribe.EntityName, ListUnsubscribe.CampaignActivityId, [byActivity.Key.ToString("D")],
                ListUnsubscribe.ContactId, ListUnsubscribe.LeadId, ListUnsubscribe.AccountId);
            await foreach (var row in client.FetchAsync("ec_listunsubscribes", fetch, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                foreach (var column in new[] { ListUnsubscribe.ContactId, ListUnsubscribe.LeadId, ListUnsubscribe.AccountId })
                {
                    if (row.GetGuid("_" + column + "_value") is { } id)
                        known.Add(id);
                }
            }

            var rows = new List<DataverseRow>();
            foreach (var unsubscribe in byActivity.OrderBy(u => u.OccurredAt))
            {
                var record = unsubscribe.Record!.Value;
                if (!known.Add(record.Id))
                    continue;
                var row = new DataverseRow()
                    .Set(ListUnsubscribe.PrimaryId, ListUnsubscribeId(byActivity.Key, record))
                    .Set(ListUnsubscribe.Name, "Unsubscribed")
                    .Set(ListUnsubscribe.UnsubscribedOn, unsubscribe.OccurredAt)
                    .Bind("ec_CampaignActivityId", EntitySets.CampaignActivities, byActivity.Key);
                BindRecipient(row, record);
                rows.Add(row);
            }

            if (rows.Count > 0)
                await client.UpsertMultipleAsync("ec_listunsubscribes", ListUnsubscribe.EntityName, rows, cancellationToken).ConfigureAwait(false);
        }
    }

    // The table has no alternate key, so the read above cannot stop two workers writing the same page at once. The
    // row id is derived from the activity and the recipient instead: the second upsert addresses the same row (and
    // writes the same unsubscribe) rather than adding one.
    internal static Guid ListUnsubscribeId(Guid activityId, RecordReference record) =>
        NameBasedGuid.Create(string.Create(CultureInfo.InvariantCulture, $"{ListUnsubscribe.EntityName}:{activityId:N}:{record.LogicalName}:{record.Id:N}"));

    private static void BindRecipient(DataverseRow row, RecordReference record)
    {
        var navigation = record.LogicalName switch
        {
            "contact" => "ec_ContactId",
            "lead" => "ec_LeadId",
            "account" => "ec_AccountId",
            _ => throw new NotSupportedException($"Reactions of {record.LogicalName} records are not supported."),
        };
        row.Bind(navigation, record.LogicalName + "s", record.Id);
    }

    private static SchemaBounceCategory ToSchema(Core.Reactions.BounceCategory category) => category switch
    {
        Core.Reactions.BounceCategory.Hard => SchemaBounceCategory.Hard,
        Core.Reactions.BounceCategory.Soft => SchemaBounceCategory.Soft,
        _ => SchemaBounceCategory.Unknown,
    };

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];

    private sealed record StoredResponse(Guid Id, string Key, int OpenCount, int ClickCount, IReadOnlyList<int> Categories, DateTimeOffset? LastReactionOn, DateTimeOffset? LastClickOn);

    private sealed class ResponseState(StoredResponse? stored, ClickDetail detail)
    {
        private readonly HashSet<int> _categories = [.. stored?.Categories ?? []];
        private readonly DateTimeOffset? _watermark = stored?.LastReactionOn;
        private readonly DateTimeOffset? _clickWatermark = stored?.LastClickOn;
        private int _opens = stored?.OpenCount ?? 0;
        private int _clicks = stored?.ClickCount ?? 0;
        private DateTimeOffset? _last = stored?.LastReactionOn;
        private DateTimeOffset? _lastClick = stored?.LastClickOn;
        private string? _url;

        public bool Exists { get; private set; } = stored is not null;

        public bool Changed { get; private set; }

        public void Apply(ReactionEvent reaction, ResponseAction action)
        {
            Exists |= action == ResponseAction.Create;
            var isNew = _watermark is null || reaction.OccurredAt > _watermark;
            // Clicks have their own watermark: an open and its click often share the platform's timestamp, and the
            // opens feed is written first, so a click at or before the newest open is still new here. Events of one
            // page arrive in time order, so the last new click gives the URL.
            var newClick = reaction.Kind == ReactionKind.Click && (_clickWatermark is null || reaction.OccurredAt > _clickWatermark);
            Changed |= _categories.Add((int)CategoryOf(reaction.Kind)) || isNew || newClick || action == ResponseAction.Create;
            if (newClick)
            {
                _url = reaction.Url;
                _clicks++;
                if (_lastClick is null || reaction.OccurredAt > _lastClick)
                    _lastClick = reaction.OccurredAt;
            }

            if (!isNew)
                return;
            if (reaction.Kind == ReactionKind.Open)
                _opens++;
            if (_last is null || reaction.OccurredAt > _last)
                _last = reaction.OccurredAt;
        }

        public DataverseRow ToRow(string key, ReactionActivity activity, DateTimeOffset now)
        {
            var row = new DataverseRow()
                .Set(CampaignResponseColumns.OpenCount, _opens)
                .Set(CampaignResponseColumns.ReactionCategories, string.Join(',', _categories.Order().Select(c => c.ToString(CultureInfo.InvariantCulture))))
                .Set(CampaignResponseColumns.LastReactionOn, _last ?? now);
            if (_url is not null)
                row.Set(CampaignResponseColumns.LastClickedUrl, Truncate(_url, 2000));
            // Every click keeps the watermark too, so that a later switch to Counts only does not count the clicks
            // of the overlap window again; its count is recounted from the click rows instead.
            if (_lastClick is not null)
                row.Set(CampaignResponseColumns.LastClickOn, _lastClick);
            if (detail == ClickDetail.CountsOnly)
                row.Set(CampaignResponseColumns.ClickCount, _clicks);
            if (stored is null)
            {
                row.Set("subject", "Email reaction")
                    .Set(CampaignResponseColumns.ResponseKey, key)
                    .Bind("ec_CampaignActivityId", EntitySets.CampaignActivities, activity.Id);
                if (detail == ClickDetail.EveryClick)
                    row.Set(CampaignResponseColumns.ClickCount, 0);
                if (activity.CampaignId is { } campaign)
                    row.Bind("regardingobjectid_campaign_campaignresponse", "campaigns", campaign);
            }

            return DataverseClient.WithKey(row, Responses, RecordKey.ForAlternateKey((CampaignResponseColumns.ResponseKey, key)));
        }

        private static ReactionCategory CategoryOf(ReactionKind kind) => kind switch
        {
            ReactionKind.Open => ReactionCategory.Open,
            ReactionKind.Click => ReactionCategory.Click,
            ReactionKind.Reply => ReactionCategory.Reply,
            ReactionKind.AutoReply => ReactionCategory.AutoReply,
            ReactionKind.Bounce => ReactionCategory.Bounce,
            ReactionKind.Unsubscribe => ReactionCategory.Unsubscribe,
            _ => ReactionCategory.Complaint,
        };
    }
}
