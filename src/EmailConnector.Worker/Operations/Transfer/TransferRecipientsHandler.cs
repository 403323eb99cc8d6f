using System.Globalization;
using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Recipients;
using EmailConnector.Dataverse;
using EmailConnector.Dataverse.Rows;
using EmailConnector.Schema;
using EmailConnector.Worker.Queue;
using SuppressionReason = EmailConnector.Schema.SuppressionReason;
using Microsoft.Extensions.Logging;

namespace EmailConnector.Worker.Operations.Transfer;

/// <summary>
/// TransferRecipients: streams the members of the activity's marketing lists page by page, screens them exactly as the
/// preview does (same lists, order, columns and <see cref="RecipientScreen"/> policy), maps their fields and imports the
/// eligible ones in chunks of the platform's maximum. After each chunk the position is checkpointed on the request
/// (with the claim's ETag) and the progress written on the activity; a restarted transfer re-screens from the start
/// but imports only after the checkpoint. The platform import is keyed by record, so a repeated chunk is harmless.
/// </summary>
public sealed class TransferRecipientsHandler(
    DataverseClient client,
    IEmailPlatformProvider platforms,
    EnsureListHandler ensureList,
    SyncRequestStore requests,
    LeaseRenewal lease,
    TimeProvider time,
    ILogger<TransferRecipientsHandler> logger) : IOperationHandler
{
    private static readonly string PlatformAccountValue = "_" + CampaignActivityColumns.PlatformAccountId + "_value";

    public SyncOperation Operation => SyncOperation.TransferRecipients;

    public async Task HandleAsync(SyncRequestRecord request, CancellationToken cancellationToken)
    {
        var activityId = request.CampaignActivityId
            ?? (Guid.TryParse(request.TargetId, out var target) ? target : throw new PermanentRequestException($"TransferRecipients request {request.Id:D} names no campaign activity."));
        var activity = await ReadActivityAsync(activityId, cancellationToken).ConfigureAwait(false);
        if (activity.GetString(CampaignActivityColumns.PlatformListId) is not { Length: > 0 })
        {
            await ensureList.HandleAsync(request, cancellationToken).ConfigureAwait(false);
            activity = await ReadActivityAsync(activityId, cancellationToken).ConfigureAwait(false);
        }

        var listId = activity.GetString(CampaignActivityColumns.PlatformListId)
            ?? throw new InvalidOperationException($"Campaign activity {activityId:D} still has no platform list after EnsureList.");
        var accountId = activity.GetGuid(PlatformAccountValue)
            ?? throw new PermanentRequestException($"Campaign activity {activityId:D} has no email platform account.");
        var activeOnly = activity.GetBoolean("ignoreinactivelistmembers") ?? true;
        var platform = platforms.For(accountId);
        var run = new TransferRun(request, TransferCheckpoint.Read(request.Parameters), platform.Capabilities.MaxImportBatchSize, new RecipientMarks(client, time));
        Log.TransferStarted(logger, activityId, run.Checkpoint.Imported);

        await UpdateActivityAsync(activityId, new DataverseRow().Set(CampaignActivityColumns.TransferState, TransferState.Transferring), cancellationToken).ConfigureAwait(false);
        try
        {
            await TransferAsync(run, activityId, accountId, listId, activeOnly, platform, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (QueueProcessor.IsPermanent(exception))
        {
            await UpdateActivityAsync(activityId, new DataverseRow().Set(CampaignActivityColumns.TransferState, TransferState.Failed), cancellationToken).ConfigureAwait(false);
            throw;
        }

        var tally = run.Screen.Tally;
        await UpdateActivityAsync(activityId, new DataverseRow()
            .Set(CampaignActivityColumns.TransferState, TransferState.Transferred)
            .Set(CampaignActivityColumns.TransferredCount, tally.Included - run.Rejected)
            .Set(CampaignActivityColumns.ExcludedCount, tally.Excluded + run.Rejected)
            .Set(CampaignActivityColumns.LastTransferOn, time.GetUtcNow())
            .Set(CampaignActivityColumns.TransferSummary, TransferSummary.Format(tally, run.Rejected)), cancellationToken).ConfigureAwait(false);
        Log.TransferCompleted(logger, activityId, tally.Included - run.Rejected, tally.Excluded + run.Rejected, run.ImportedThisRun);
        OperationLog.RecipientMarksWritten(logger, activityId, run.Marks.Written);
    }

    private async Task TransferAsync(TransferRun run, Guid activityId, Guid accountId, string listId, bool activeOnly, IEmailPlatform platform, CancellationToken cancellationToken)
    {
        var lists = await ReadListsAsync(activityId, cancellationToken).ConfigureAwait(false);
        var unsubscribed = await ReadUnsubscribesAsync(activityId, lists.Select(l => l.Id).ToArray(), cancellationToken).ConfigureAwait(false);
        var fields = new Dictionary<string, MemberFields>(StringComparer.Ordinal);
        var eligible = 0;
        for (var index = 0; index < lists.Count; index++)
        {
            var list = lists[index];
            if (!fields.TryGetValue(list.Table, out var mapping))
                fields[list.Table] = mapping = await MemberFields.LoadAsync(client, accountId, list.Table, cancellationToken).ConfigureAwait(false);
            var columns = MemberQueries.ScreeningColumns.Concat(mapping.Columns).Concat(RecipientMarks.Columns)
                .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            var fetch = list.IsDynamic
                ? MemberQueries.Dynamic(list.Table, list.Query, columns, activeOnly)
                : MemberQueries.Static(list.Table, list.Id, columns, activeOnly);
            if (fetch is null)
                continue;

            await foreach (var page in client.FetchPagesAsync(MemberQueries.EntitySetOf(list.Table), fetch, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var suppressions = await ReadSuppressionsAsync(client, page.Rows, cancellationToken).ConfigureAwait(false);
                foreach (var member in page.Rows)
                {
                    var id = member.GetGuid(list.Table + "id") ?? throw new InvalidOperationException($"A {list.Table} member came back without its id.");
                    var record = new RecordReference(list.Table, id);
                    var result = run.Screen.Screen(Candidate(record, member, unsubscribed, suppressions));
                    if (result.AlreadyScreened)
                        continue;
                    if (result.Reason != ExclusionReason.None)
                    {
                        run.Marks.Set(record, member, null, RecipientMarks.Excluded(result.Reason));
                        continue;
                    }

                    if (++eligible <= run.Checkpoint.Imported)
                        continue;
                    var mapped = mapping.Mapper.Push(mapping.ValuesOf(member), platform.Capabilities.MaxFieldLength);
                    run.Chunk.Add(new PlatformRecipient(record, member.GetString("emailaddress1")!.Trim(), mapped.Values));
                    run.ChunkRows[record] = member;
                    run.Position(index, id);
                    if (run.Chunk.Count == run.ChunkSize)
                        await ImportChunkAsync(run, activityId, listId, platform, cancellationToken).ConfigureAwait(false);
                }

                // One write per page for the excluded members whose reason changed, and a lease that outlives the page.
                await run.Marks.FlushAsync(cancellationToken).ConfigureAwait(false);
                await lease.RenewIfDueAsync(run.Request, cancellationToken).ConfigureAwait(false);
            }
        }

        if (run.Chunk.Count > 0)
            await ImportChunkAsync(run, activityId, listId, platform, cancellationToken).ConfigureAwait(false);
    }

    private async Task ImportChunkAsync(TransferRun run, Guid activityId, string listId, IEmailPlatform platform, CancellationToken cancellationToken)
    {
        await lease.RenewIfDueAsync(run.Request, cancellationToken).ConfigureAwait(false);
        var result = await platform.ImportRecipientsAsync(listId, run.Chunk.ToArray(), cancellationToken).ConfigureAwait(false);
        foreach (var outcome in result.Outcomes)
        {
            if (!run.ChunkRows.TryGetValue(outcome.Record, out var current))
                continue;
            if (outcome.Kind == RecipientOutcomeKind.Rejected)
                run.Marks.Set(outcome.Record, current, SyncStatus.Error, RecipientMarks.Rejected(outcome.Rejection));
            else
                run.Marks.Set(outcome.Record, current, SyncStatus.Synced, null);
        }

        // From here on the chunk is at the platform: a shutdown arriving now must not skip recording that (the
        // records' status, then the checkpoint), or the next owner of the request sends the chunk again. Both writes
        // are short and bounded by the client's own timeout.
        await run.Marks.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        run.ChunkRows.Clear();
        run.ImportedThisRun += run.Chunk.Count;
        run.Checkpoint = new TransferCheckpoint(
            run.Checkpoint.Imported + run.Chunk.Count, run.ListIndex, run.LastMemberId, run.Checkpoint.Rejected + result.Count(RecipientOutcomeKind.Rejected));
        run.Chunk.Clear();
        run.Parameters = run.Checkpoint.WriteInto(run.Parameters);
        if (!await requests.SaveParametersAsync(run.Request, run.Parameters, CancellationToken.None).ConfigureAwait(false))
            throw new LeaseLostException($"Sync request {run.Request.Id:D} was taken over by another worker during the transfer.");
        await UpdateActivityAsync(activityId, new DataverseRow().Set(CampaignActivityColumns.TransferredCount, run.Checkpoint.Imported), cancellationToken).ConfigureAwait(false);
        Log.TransferChunkImported(logger, activityId, run.Checkpoint.Imported, result.Count(RecipientOutcomeKind.Rejected));
    }

    private async Task<DataverseRow> ReadActivityAsync(Guid activityId, CancellationToken cancellationToken) =>
        await client.TryRetrieveAsync(
            EntitySets.CampaignActivities,
            activityId,
            RetrieveOptions.Columns(CampaignActivityColumns.PlatformListId, PlatformAccountValue, "ignoreinactivelistmembers"),
            cancellationToken).ConfigureAwait(false)
        ?? throw new PermanentRequestException($"Campaign activity {activityId:D} no longer exists.");

    private Task UpdateActivityAsync(Guid activityId, DataverseRow update, CancellationToken cancellationToken) =>
        client.UpdateAsync(EntitySets.CampaignActivities, activityId, update, cancellationToken: cancellationToken);

    // The preview's order: by list name (case-insensitive), then id. Which of two members sharing an address is kept
    // depends on it, so it must not differ.
    private async Task<IReadOnlyList<MarketingList>> ReadListsAsync(Guid activityId, CancellationToken cancellationToken)
    {
        var ids = new HashSet<Guid>();
        await foreach (var item in client.FetchAsync("campaignactivityitems", MemberQueries.ActivityItems(activityId), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (item.GetGuid("itemid") is { } id && id != Guid.Empty)
                ids.Add(id);
        }

        if (ids.Count == 0)
            throw new PermanentRequestException($"Campaign activity {activityId:D} has no marketing list.");
        var lists = new List<MarketingList>();
        await foreach (var row in client.FetchAsync("lists", MemberQueries.Lists(ids), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            lists.Add(new MarketingList(
                row.GetGuid("listid") ?? throw new InvalidOperationException("A marketing list came back without its id."),
                row.GetString("listname") ?? string.Empty,
                MemberQueries.TableOf(row.GetOptionValue("createdfromcode")),
                row.GetBoolean("type") == true,
                row.GetString("query")));
        }

        return lists.OrderBy(l => l.Name, StringComparer.OrdinalIgnoreCase).ThenBy(l => l.Id).ToArray();
    }

    // Opt-out wins: leaving one of the activity's lists, or the activity itself, excludes the member from all of them.
    private async Task<HashSet<Guid>> ReadUnsubscribesAsync(Guid activityId, IReadOnlyCollection<Guid> listIds, CancellationToken cancellationToken)
    {
        var ids = new HashSet<Guid>();
        await foreach (var row in client.FetchAsync("ec_listunsubscribes", MemberQueries.Unsubscribes(activityId, listIds), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            foreach (var column in new[] { ListUnsubscribe.ContactId, ListUnsubscribe.LeadId, ListUnsubscribe.AccountId })
            {
                if (row.GetGuid("_" + column + "_value") is { } id)
                    ids.Add(id);
            }
        }

        return ids;
    }

    internal static async Task<Dictionary<string, int>> ReadSuppressionsAsync(DataverseClient client, IReadOnlyList<DataverseRow> members, CancellationToken cancellationToken)
    {
        var addresses = members
            .Select(m => m.GetString("emailaddress1"))
            .Where(EmailAddressRules.IsValid)
            .Select(a => EmailAddressRules.Normalize(a!))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var batch in FetchValueBatches.Of(addresses))
        {
            await foreach (var row in client.FetchAsync("ec_suppressions", MemberQueries.Suppressions(batch), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (row.GetString(Suppression.EmailAddress) is { Length: > 0 } address)
                    reasons[EmailAddressRules.Normalize(address)] = row.GetOptionValue(Suppression.Reason) ?? (int)SuppressionReason.Manual;
            }
        }

        return reasons;
    }

    internal static RecipientCandidate Candidate(RecordReference record, DataverseRow member, HashSet<Guid> unsubscribed, Dictionary<string, int> suppressions)
    {
        var address = member.GetString("emailaddress1");
        int? suppressed = EmailAddressRules.IsValid(address) && suppressions.TryGetValue(EmailAddressRules.Normalize(address!), out var reason) ? reason : null;
        return new RecipientCandidate(record, address)
        {
            DoNotBulkEmail = member.GetBoolean("donotbulkemail") == true,
            DoNotEmail = member.GetBoolean("donotemail") == true,
            EmailInvalid = member.Contains(RecipientColumns.EmailInvalid) && member.GetBoolean(RecipientColumns.EmailInvalid) == true,
            // A hard-bounce suppression is the platform telling us the address is dead: a bounce, not an opt-out.
            HardBounced = (member.Contains(RecipientColumns.BounceCategory) && member.GetOptionValue(RecipientColumns.BounceCategory) == (int)BounceCategory.Hard)
                || suppressed == (int)SuppressionReason.HardBounce,
            UnsubscribedFromList = unsubscribed.Contains(record.Id),
            Suppressed = suppressed is not null && suppressed != (int)SuppressionReason.HardBounce,
        };
    }

    private sealed record MarketingList(Guid Id, string Name, string Table, bool IsDynamic, string? Query);

    private sealed class TransferRun(SyncRequestRecord request, TransferCheckpoint checkpoint, int chunkSize, RecipientMarks marks)
    {
        public RecipientMarks Marks { get; } = marks;

        /// <summary>The current rows of the chunk's members, so their sync state is written only when it changes.</summary>
        public Dictionary<RecordReference, DataverseRow> ChunkRows { get; } = [];

        public SyncRequestRecord Request { get; } = request;

        public RecipientScreen Screen { get; } = new(HouseholdPolicy.First);

        public List<PlatformRecipient> Chunk { get; } = new(chunkSize);

        public int ChunkSize { get; } = chunkSize;

        public TransferCheckpoint Checkpoint { get; set; } = checkpoint;

        public string? Parameters { get; set; } = request.Parameters;

        public int ListIndex { get; private set; }

        public Guid? LastMemberId { get; private set; }

        public int Rejected => Checkpoint.Rejected;

        public int ImportedThisRun { get; set; }

        public void Position(int listIndex, Guid memberId)
        {
            ListIndex = listIndex;
            LastMemberId = memberId;
        }
    }
}
