using EmailConnector.Core.Mapping;
using EmailConnector.Core.Reactions;
using EmailConnector.Core.Recipients;
using EmailConnector.Dataverse;
using EmailConnector.Dataverse.Rows;
using EmailConnector.Schema;
using Microsoft.Extensions.Logging;

namespace EmailConnector.Worker.Reactions;

/// <summary>
/// New subscribers of a "generate leads" campaign activity's list become leads with the connector as lead source
/// (<see cref="LeadSource.EmailPlatform"/>), linked to the activity's campaign. One lead per activity and address: its
/// id is derived from both, so a replayed or repeated subscription finds the lead instead of creating another. Nobody
/// is matched against existing contacts or leads: deduplicating people is CRM's own job (duplicate detection).
/// </summary>
public sealed class LeadWriter(DataverseClient client, BulkCreates creator, ILogger<LeadWriter> logger)
{
    // The platform field names of the default mapping (TransferRecipients: firstname → FirstName, lastname → LastName).
    private static readonly (string Field, string Column, int MaxLength)[] Names = [("FirstName", "firstname", 50), ("LastName", "lastname", 50)];

    internal async Task WriteAsync(IReadOnlyList<ReactionEvent> events, IReadOnlyDictionary<string, ReactionActivity> activities, CancellationToken cancellationToken)
    {
        var subscriptions = events.Where(e => e.Kind == ReactionKind.Subscribe).ToList();
        if (subscriptions.Count == 0)
            return;
        var generating = subscriptions.Where(e => e.ListId is not null && activities.TryGetValue(e.ListId, out var a) && a.GenerateLeads).ToList();
        if (generating.Count < subscriptions.Count)
            WriteBackLog.SubscribersIgnored(logger, subscriptions.Count - generating.Count);

        var candidates = new List<(ReactionActivity Activity, ReactionEvent Event, Guid LeadId)>();
        foreach (var byActivity in generating.GroupBy(e => activities[e.ListId!]))
        {
            var valid = byActivity.Where(e => EmailAddressRules.IsValid(e.EmailAddress)).ToList();
            if (valid.Count < byActivity.Count())
                WriteBackLog.SubscribersSkipped(logger, byActivity.Key.Id, byActivity.Count() - valid.Count);
            candidates.AddRange(valid
                .OrderBy(e => e.OccurredAt)
                .Select(e => (byActivity.Key, e, LeadIdOf(byActivity.Key.Id, e.EmailAddress!)))
                .DistinctBy(c => c.Item3));
        }

        if (candidates.Count == 0)
            return;
        var existing = await ReadExistingAsync(candidates.Select(c => c.LeadId), cancellationToken).ConfigureAwait(false);
        var creates = new List<DataverseRow>();
        foreach (var byActivity in candidates.GroupBy(c => c.Activity))
        {
            var fresh = byActivity.Where(c => !existing.Contains(c.LeadId)).ToList();
            creates.AddRange(fresh.Select(c => Row(c.Activity, c.Event, c.LeadId)));
            WriteBackLog.LeadsWritten(logger, byActivity.Key.Id, fresh.Count, byActivity.Count() - fresh.Count);
        }

        if (creates.Count > 0)
            await creator.CreateAsync("leads", "lead", creates, cancellationToken).ConfigureAwait(false);
    }

    internal static Guid LeadIdOf(Guid campaignActivityId, string address) =>
        NameBasedGuid.Create($"lead:{campaignActivityId:N}:{EmailAddressRules.Normalize(address)}");

    private static DataverseRow Row(ReactionActivity activity, ReactionEvent subscription, Guid leadId)
    {
        var row = new DataverseRow()
            .Set("leadid", leadId)
            .Set("subject", TextRules.Truncate(string.IsNullOrWhiteSpace(activity.Subject) ? "Subscription" : "Subscription: " + activity.Subject.Trim(), 300))
            .Set("emailaddress1", subscription.EmailAddress!.Trim())
            .Set("leadsourcecode", (int)LeadSource.EmailPlatform);
        foreach (var (field, column, maxLength) in Names)
        {
            var value = subscription.Fields?.FirstOrDefault(f => string.Equals(f.Key, field, StringComparison.OrdinalIgnoreCase)).Value;
            if (!string.IsNullOrWhiteSpace(value))
                row.Set(column, TextRules.Truncate(TextRules.ToSingleLine(TextRules.StripMarkup(value)).Trim(), maxLength));
        }

        if (activity.CampaignId is { } campaign)
            row.Bind("campaignid", "campaigns", campaign);
        return row;
    }

    private async Task<HashSet<Guid>> ReadExistingAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var found = new HashSet<Guid>();
        foreach (var batch in FetchValueBatches.Of(ids.Select(id => id.ToString("D"))))
        {
            var fetch = ReactionQueries.In("lead", "leadid", batch, "leadid");
            await foreach (var row in client.FetchAsync("leads", fetch, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (row.GetGuid("leadid") is { } id)
                    found.Add(id);
            }
        }

        return found;
    }
}
