using System.Globalization;
using System.Xml.Linq;
using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Recipients;
using EmailConnector.Dataverse;
using EmailConnector.Dataverse.Rows;
using EmailConnector.Schema;
using EmailConnector.Worker.Operations.Transfer;
using EmailConnector.Worker.Queue;
using Microsoft.Extensions.Logging;

namespace EmailConnector.Worker.Operations;

/// <summary>
/// ListMembershipChanged: members were added to or removed from a marketing list marked "Sync to platform" (the
/// plugin queues the list only, coalescing every change into one request, so the whole membership is reconciled).
/// The list gets its own platform list (keyed by the list record, id stored on the list's <c>ec_platformlistid</c>).
/// Current members are screened exactly as a transfer screens them (consent, suppressions, list unsubscribes, address
/// rules, household policy First) and imported in chunks; the keyed import makes members already there an update.
/// Removed members are found among the records the platform knows (<c>ec_syncstatus</c> Synced or Error) that are
/// no longer members and still subscribed to the platform list; they are unsubscribed from that list only, which
/// needs <see cref="PlatformFeatures.ListLevelUnsubscribe"/>. Without it they are left on the list and the skip is
/// logged: a list removal never becomes a global unsubscribe.
/// </summary>
public sealed class ListMembershipChangedHandler(
    DataverseClient client,
    IEmailPlatformProvider platforms,
    LeaseRenewal lease,
    TimeProvider time,
    ILogger<ListMembershipChangedHandler> logger) : IOperationHandler
{
    public SyncOperation Operation => SyncOperation.ListMembershipChanged;

    public async Task HandleAsync(SyncRequestRecord request, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.TargetTable, ListColumns.EntityName, StringComparison.OrdinalIgnoreCase) || !Guid.TryParse(request.TargetId, out var listId))
            throw new PermanentRequestException($"ListMembershipChanged request {request.Id:D} does not name a marketing list.");
        var list = await client.TryRetrieveAsync("lists", listId, RetrieveOptions.Columns(
            "listname", "type", "query", "createdfromcode", ListColumns.SyncToPlatform, ListColumns.PlatformListId, "_" + ListColumns.PlatformAccountId + "_value"), cancellationToken).ConfigureAwait(false);
        if (list is null || list.GetBoolean(ListColumns.SyncToPlatform) != true)
        {
            OperationLog.ListNotSynced(logger, listId);
            return;
        }

        var accountId = list.GetGuid("_" + ListColumns.PlatformAccountId + "_value")
            ?? throw new PermanentRequestException($"Marketing list {listId:D} is synced to a platform but has no email platform account.");
        var platform = platforms.For(accountId);
        var table = MemberQueries.TableOf(list.GetOptionValue("createdfromcode"));
        var platformListId = await EnsureListAsync(listId, list, platform, cancellationToken).ConfigureAwait(false);

        var fields = await MemberFields.LoadAsync(client, accountId, table, cancellationToken).ConfigureAwait(false);
        var members = await ImportMembersAsync(request, listId, list, table, fields, platform, platformListId, cancellationToken).ConfigureAwait(false);
        var removed = await RemoveFormerMembersAsync(request, listId, table, members.Ids, platform, platformListId, cancellationToken).ConfigureAwait(false);

        await client.UpdateAsync("lists", listId, new DataverseRow().Set(ListColumns.LastSyncedOn, time.GetUtcNow()), cancellationToken: cancellationToken).ConfigureAwait(false);
        OperationLog.ListMembershipSynced(logger, listId, members.Imported, members.Excluded, removed, platformListId);
    }

    private async Task<string> EnsureListAsync(Guid listId, DataverseRow list, IEmailPlatform platform, CancellationToken cancellationToken)
    {
        var name = list.GetString("listname") is { Length: > 0 } n ? n.Trim() : "Marketing list " + listId.ToString("D");
        var platformList = await platform.EnsureListAsync(new ListDefinition(new RecordReference(ListColumns.EntityName, listId), name), cancellationToken).ConfigureAwait(false);
        if (!string.Equals(list.GetString(ListColumns.PlatformListId), platformList.Id, StringComparison.Ordinal))
            await client.UpdateAsync("lists", listId, new DataverseRow().Set(ListColumns.PlatformListId, platformList.Id), cancellationToken: cancellationToken).ConfigureAwait(false);
        return platformList.Id;
    }

    private async Task<MemberSync> ImportMembersAsync(
        SyncRequestRecord request, Guid listId, DataverseRow list, string table, MemberFields fields, IEmailPlatform platform, string platformListId, CancellationToken cancellationToken)
    {
        var columns = MemberQueries.ScreeningColumns.Concat(fields.Columns).Concat(RecipientMarks.Columns)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var fetch = list.GetBoolean("type") == true
            ? MemberQueries.Dynamic(table, list.GetString("query"), columns, activeOnly: true)
            : MemberQueries.Static(table, listId, columns, activeOnly: true);
        var sync = new MemberSync();
        if (fetch is null)
            return sync;

        var unsubscribed = await ListUnsubscribesAsync(listId, cancellationToken).ConfigureAwait(false);
        var screen = new RecipientScreen(HouseholdPolicy.First);
        var marks = new RecipientMarks(client, time);
        var chunk = new List<PlatformRecipient>();
        var rows = new Dictionary<RecordReference, DataverseRow>();
        await foreach (var page in client.FetchPagesAsync(MemberQueries.EntitySetOf(table), fetch, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var suppressions = await TransferRecipientsHandler.ReadSuppressionsAsync(client, page.Rows, cancellationToken).ConfigureAwait(false);
            foreach (var member in page.Rows)
            {
                var id = member.GetGuid(table + "id") ?? throw new InvalidOperationException($"A {table} member came back without its id.");
                sync.Ids.Add(id);
                var record = new RecordReference(table, id);
                var result = screen.Screen(TransferRecipientsHandler.Candidate(record, member, unsubscribed, suppressions));
                if (result.AlreadyScreened)
                    continue;
                if (result.Reason != ExclusionReason.None)
                {
                    sync.Excluded++;
                    marks.Set(record, member, null, RecipientMarks.Excluded(result.Reason));
                    continue;
                }

                var mapped = fields.Mapper.Push(fields.ValuesOf(member), platform.Capabilities.MaxFieldLength);
                chunk.Add(new PlatformRecipient(record, member.GetString("emailaddress1")!.Trim(), mapped.Values));
                rows[record] = member;
                if (chunk.Count == platform.Capabilities.MaxImportBatchSize)
                    sync.Imported += await ImportAsync(platformListId, platform, chunk, rows, marks, cancellationToken).ConfigureAwait(false);
            }

            await marks.FlushAsync(cancellationToken).ConfigureAwait(false);
            await lease.RenewIfDueAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (chunk.Count > 0)
            sync.Imported += await ImportAsync(platformListId, platform, chunk, rows, marks, cancellationToken).ConfigureAwait(false);
        await marks.FlushAsync(cancellationToken).ConfigureAwait(false);
        return sync;
    }

    private static async Task<int> ImportAsync(
        string platformListId, IEmailPlatform platform, List<PlatformRecipient> chunk, Dictionary<RecordReference, DataverseRow> rows, RecipientMarks marks, CancellationToken cancellationToken)
    {
        var result = await platform.ImportRecipientsAsync(platformListId, chunk.ToArray(), cancellationToken).ConfigureAwait(false);
        foreach (var outcome in result.Outcomes)
        {
            if (!rows.TryGetValue(outcome.Record, out var current))
                continue;
            if (outcome.Kind == RecipientOutcomeKind.Rejected)
                marks.Set(outcome.Record, current, SyncStatus.Error, RecipientMarks.Rejected(outcome.Rejection));
            else
                marks.Set(outcome.Record, current, SyncStatus.Synced, null);
        }

        chunk.Clear();
        rows.Clear();
        return result.Outcomes.Count(o => o.Kind != RecipientOutcomeKind.Rejected);
    }

    // The contract cannot list a platform list's members, so the candidates are the records the platform knows.
    private async Task<int> RemoveFormerMembersAsync(
        SyncRequestRecord request, Guid listId, string table, HashSet<Guid> members, IEmailPlatform platform, string platformListId, CancellationToken cancellationToken)
    {
        var fetch = new XElement("fetch",
            new XElement("entity", new XAttribute("name", table),
                new XElement("attribute", new XAttribute("name", table + "id")),
                new XElement("order", new XAttribute("attribute", table + "id")),
                new XElement("filter", new XElement("condition", new XAttribute("attribute", RecipientColumns.SyncStatus), new XAttribute("operator", "in"),
                    new XElement("value", ((int)SyncStatus.Synced).ToString(CultureInfo.InvariantCulture)),
                    new XElement("value", ((int)SyncStatus.Error).ToString(CultureInfo.InvariantCulture)))))).ToString(SaveOptions.DisableFormatting);
        var canLeaveList = platform.Capabilities.Supports(PlatformFeatures.ListLevelUnsubscribe);
        int removed = 0, skipped = 0;
        await foreach (var page in client.FetchPagesAsync(MemberQueries.EntitySetOf(table), fetch, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.Rows)
            {
                var id = row.GetGuid(table + "id")!.Value;
                if (members.Contains(id))
                    continue;
                var record = new RecordReference(table, id);
                var state = await platform.GetRecipientAsync(record, platformListId, cancellationToken).ConfigureAwait(false);
                if (state?.ListStatus != MembershipStatus.Subscribed)
                    continue;
                if (!canLeaveList)
                {
                    skipped++;
                    continue;
                }

                if (await platform.UnsubscribeAsync(new UnsubscribeRequest(record, platformListId), cancellationToken).ConfigureAwait(false) == ChangeOutcome.Applied)
                    removed++;
            }

            await lease.RenewIfDueAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (skipped > 0)
            OperationLog.ListRemovalSkipped(logger, listId, skipped, platform.Capabilities.PlatformName, platformListId);
        return removed;
    }

    private async Task<HashSet<Guid>> ListUnsubscribesAsync(Guid listId, CancellationToken cancellationToken)
    {
        var fetch = new XElement("fetch",
            new XElement("entity", new XAttribute("name", ListUnsubscribe.EntityName),
                new XElement("attribute", new XAttribute("name", ListUnsubscribe.ContactId)),
                new XElement("attribute", new XAttribute("name", ListUnsubscribe.LeadId)),
                new XElement("attribute", new XAttribute("name", ListUnsubscribe.AccountId)),
                new XElement("filter",
                    new XElement("condition", new XAttribute("attribute", ListUnsubscribe.StateCode), new XAttribute("operator", "eq"), new XAttribute("value", "0")),
                    new XElement("condition", new XAttribute("attribute", ListUnsubscribe.ListId), new XAttribute("operator", "eq"), new XAttribute("value", listId.ToString("D")))))).ToString(SaveOptions.DisableFormatting);
        var ids = new HashSet<Guid>();
        await foreach (var row in client.FetchAsync("ec_listunsubscribes", fetch, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            foreach (var column in new[] { ListUnsubscribe.ContactId, ListUnsubscribe.LeadId, ListUnsubscribe.AccountId })
            {
                if (row.GetGuid("_" + column + "_value") is { } id)
                    ids.Add(id);
            }
        }

        return ids;
    }

    private sealed class MemberSync
    {
        public HashSet<Guid> Ids { get; } = [];

        public int Imported { get; set; }

        public int Excluded { get; set; }
    }
}
