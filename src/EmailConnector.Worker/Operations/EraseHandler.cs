using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Dataverse;
using EmailConnector.Schema;
using EmailConnector.Worker.Queue;
using Microsoft.Extensions.Logging;

namespace EmailConnector.Worker.Operations;

/// <summary>
/// Erase: a contact or lead was deleted. The platform removes the person (<see cref="IEmailPlatform.EraseRecipientAsync"/>;
/// an unknown record is fine), and the rows the connector created about the person are deleted: campaign responses
/// (found by <c>ec_responsekey</c>, which holds the record), their <c>ec_emailclick</c> rows, and clicks and
/// <c>ec_listunsubscribe</c> rows still linked to the record, and the email activities the write-back created for the
/// person (their ids are derived from the campaign activity and the record, so they are found even after the deleted
/// contact's activity parties lost their link; the party's address would otherwise stay behind). Suppressions (<c>ec_suppression</c>) are kept: they are
/// what honours the person's opt-out if the address comes back.
/// </summary>
/// <remarks>
/// The audit row is the request itself: the solution has no audit table, so the outcome (platform result per
/// platform, counts of deleted rows, time) is written into the request's <c>ec_parameters</c> under <c>erase</c>,
/// ids and counts only, and the Succeeded (or Parked) row stays as the record of the erasure. A platform without the
/// Erase feature cannot remove the person: the CRM side is still purged, then the request is Parked with that reason
/// so an administrator erases the person at the platform by hand.
/// </remarks>
public sealed class EraseHandler(
    DataverseClient client,
    PlatformAccounts accounts,
    SyncRequestStore requests,
    TimeProvider time,
    ILogger<EraseHandler> logger) : IOperationHandler
{
    private const string Responses = "campaignresponses";
    private const string Clicks = "ec_emailclicks";
    private const string ListUnsubscribes = "ec_listunsubscribes";
    private const string Emails = "emails";
    private const string CampaignActivities = "campaignactivities";

    public SyncOperation Operation => SyncOperation.Erase;

    public async Task HandleAsync(SyncRequestRecord request, CancellationToken cancellationToken)
    {
        var record = RecipientRequest.RecordOf(request);
        var platformOutcomes = new JsonObject();
        var unsupported = new List<string>();
        foreach (var (_, platform) in await accounts.PlatformsAsync(cancellationToken).ConfigureAwait(false))
        {
            var name = platform.Capabilities.PlatformName;
            if (!platform.Capabilities.Supports(PlatformFeatures.Erase))
            {
                unsupported.Add(name);
                platformOutcomes[name] = "NotSupported";
                OperationLog.EraseNotSupported(logger, record.LogicalName, record.Id, name);
                continue;
            }

            var outcome = await platform.EraseRecipientAsync(record, cancellationToken).ConfigureAwait(false);
            platformOutcomes[name] = outcome.ToString();
        }

        var responseIds = await ResponsesOfAsync(record, cancellationToken).ConfigureAwait(false);
        var clickIds = await IdsAsync(Clicks, EmailClick.EntityName, EmailClick.PrimaryId, EmailClick.CampaignResponseId, responseIds, cancellationToken).ConfigureAwait(false);
        clickIds.UnionWith(await IdsAsync(Clicks, EmailClick.EntityName, EmailClick.PrimaryId, RecipientColumnOf(record, EmailClick.ContactId, EmailClick.LeadId), [record.Id], cancellationToken).ConfigureAwait(false));
        var unsubscribeIds = await IdsAsync(ListUnsubscribes, ListUnsubscribe.EntityName, ListUnsubscribe.PrimaryId, RecipientColumnOf(record, ListUnsubscribe.ContactId, ListUnsubscribe.LeadId), [record.Id], cancellationToken).ConfigureAwait(false);
        var emailIds = await EmailsOfAsync(record, cancellationToken).ConfigureAwait(false);

        // Clicks first: they point at the responses.
        await DeleteAsync(Clicks, clickIds, cancellationToken).ConfigureAwait(false);
        await DeleteAsync(Responses, responseIds, cancellationToken).ConfigureAwait(false);
        await DeleteAsync(ListUnsubscribes, unsubscribeIds, cancellationToken).ConfigureAwait(false);
        await DeleteAsync(Emails, emailIds, cancellationToken).ConfigureAwait(false);

        var audit = Audit(request.Parameters, platformOutcomes, responseIds.Count, clickIds.Count, unsubscribeIds.Count, emailIds.Count);
        if (!await requests.SaveParametersAsync(request, audit, cancellationToken).ConfigureAwait(false))
            throw new LeaseLostException($"Sync request {request.Id:D} was taken over by another worker during the erasure.");
        OperationLog.Erased(logger, record.LogicalName, record.Id, responseIds.Count, clickIds.Count, unsubscribeIds.Count, emailIds.Count);

        if (unsupported.Count > 0)
        {
            throw new PermanentRequestException(
                $"The CRM data of {record.LogicalName} {record.Id:D} was erased, but {string.Join(", ", unsupported)} cannot erase recipients: erase the person at the platform by hand.");
        }
    }

    // Counts add up over attempts: a retry after a crash finds only what the first attempt left.
    private string Audit(string? parameters, JsonObject platformOutcomes, int responses, int clicks, int listUnsubscribes, int emails)
    {
        var root = string.IsNullOrWhiteSpace(parameters) ? new JsonObject() : JsonNode.Parse(parameters) as JsonObject ?? new JsonObject();
        var before = root["erase"] as JsonObject;
        var platforms = before?["platforms"] as JsonObject ?? new JsonObject();
        foreach (var (name, value) in platformOutcomes)
        {
            // The first attempt's Applied stays: a later attempt can only find the contact gone.
            if (platforms[name]?.GetValue<string>() is not nameof(ChangeOutcome.Applied))
                platforms[name] = value?.DeepClone();
        }

        root["erase"] = new JsonObject
        {
            ["erasedOn"] = time.GetUtcNow().ToString("o", CultureInfo.InvariantCulture),
            ["platforms"] = platforms.DeepClone(),
            ["campaignResponses"] = (before?["campaignResponses"]?.GetValue<int>() ?? 0) + responses,
            ["emailClicks"] = (before?["emailClicks"]?.GetValue<int>() ?? 0) + clicks,
            ["listUnsubscribes"] = (before?["listUnsubscribes"]?.GetValue<int>() ?? 0) + listUnsubscribes,
            ["emailActivities"] = (before?["emailActivities"]?.GetValue<int>() ?? 0) + emails,
        };
        return root.ToJsonString();
    }

    private async Task<HashSet<Guid>> ResponsesOfAsync(RecordReference record, CancellationToken cancellationToken)
    {
        // ec_responsekey is "{activity:N}:{table}:{record:N}" (CampaignResponseRules.ResponseKey).
        var fetch = Fetch(CampaignResponseColumns.EntityName, "activityid",
            new XElement("condition", new XAttribute("attribute", CampaignResponseColumns.ResponseKey), new XAttribute("operator", "like"),
                new XAttribute("value", "%:" + record.LogicalName + ":" + record.Id.ToString("N"))));
        var ids = new HashSet<Guid>();
        await foreach (var row in client.FetchAsync(Responses, fetch, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetGuid("activityid") is { } id)
                ids.Add(id);
        }

        return ids;
    }

    // Only campaign activities that reached a platform can have emails from the write-back; their ids are the
    // candidates (EmailActivityWriter.EmailIdOf), and queries cut by FetchValueBatches find those that exist.
    private async Task<HashSet<Guid>> EmailsOfAsync(RecordReference record, CancellationToken cancellationToken)
    {
        var transferred = Fetch(CampaignActivityColumns.EntityName, "activityid",
            new XElement("condition", new XAttribute("attribute", CampaignActivityColumns.PlatformListId), new XAttribute("operator", "not-null")));
        var candidates = new List<Guid>();
        await foreach (var row in client.FetchAsync(CampaignActivities, transferred, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetGuid("activityid") is { } activityId)
                candidates.Add(Reactions.EmailActivityWriter.EmailIdOf(activityId, record));
        }

        return await IdsAsync(Emails, "email", "activityid", "activityid", candidates, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HashSet<Guid>> IdsAsync(string entitySet, string table, string primaryId, string column, IReadOnlyCollection<Guid> values, CancellationToken cancellationToken)
    {
        var ids = new HashSet<Guid>();
        foreach (var batch in FetchValueBatches.Of(values.Select(v => v.ToString("D"))))
        {
            var condition = new XElement("condition", new XAttribute("attribute", column), new XAttribute("operator", "in"));
            foreach (var value in batch)
                condition.Add(new XElement("value", value));
            await foreach (var row in client.FetchAsync(entitySet, Fetch(table, primaryId, condition), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (row.GetGuid(primaryId) is { } id)
                    ids.Add(id);
            }
        }

        return ids;
    }

    private async Task DeleteAsync(string entitySet, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        foreach (var id in ids)
        {
            try
            {
                await client.DeleteAsync(entitySet, id, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Dataverse.Errors.DataverseNotFoundException)
            {
                // Deleted by an earlier attempt or by a user: the goal is reached.
            }
        }
    }

    private static string RecipientColumnOf(RecordReference record, string contactColumn, string leadColumn) =>
        record.LogicalName == "contact" ? contactColumn : leadColumn;

    private static string Fetch(string table, string attribute, XElement condition) => new XElement("fetch",
        new XElement("entity", new XAttribute("name", table),
            new XElement("attribute", new XAttribute("name", attribute)),
            new XElement("filter", condition))).ToString(SaveOptions.DisableFormatting);
}
