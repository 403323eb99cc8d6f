using System.Xml.Linq;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Recipients;
using EmailConnector.Dataverse;
using EmailConnector.Dataverse.Rows;
using EmailConnector.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CoreReason = EmailConnector.Core.Platforms.SuppressionReason;
using SchemaReason = EmailConnector.Schema.SuppressionReason;

namespace EmailConnector.Worker.Operations.Reconciliation;

/// <summary>
/// Compares one platform account's suppressions with CRM and fixes CRM, opt-out winning: every account, contact and lead with a
/// suppressed address (compared normalised) or named by the suppression gets do-not-bulk-email when the platform
/// suppressed it for an opt-out (unsubscribe, complaint, manual block), and every suppressed address gets an
/// <c>ec_suppression</c> row. Nothing is ever set back to "allow". Hard bounces and other technical suppressions get
/// the suppression row only: a dead address is not an opt-out. With <see cref="ReconciliationOptions.PushCrmSuppressions"/>,
/// active CRM suppressions the platform lacks are then suppressed there too.
/// </summary>
public sealed class SuppressionReconciler(DataverseClient client, IOptions<ReconciliationOptions> options, ILogger<SuppressionReconciler> logger)
{
    private const string Suppressions = "ec_suppressions";
    private static readonly string[] Tables = ["account", "contact", "lead"];

    public async Task<ReconciliationResult> ReconcileAsync(Guid platformAccountId, IEmailPlatform platform, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        // Held for the push: one normalised address per suppression (tens of bytes each).
        var platformAddresses = new HashSet<string>(StringComparer.Ordinal);
        int listed = 0, optedOut = 0, created = 0;
        string? token = null;
        do
        {
            var page = await platform.GetSuppressionsAsync(new SuppressionQuery(token, options.Value.PageSize), cancellationToken).ConfigureAwait(false);
            var entries = new Dictionary<string, SuppressionEntry>(StringComparer.Ordinal);
            foreach (var entry in page.Entries)
            {
                listed++;
                if (EmailAddressRules.IsValid(entry.EmailAddress))
                    entries.TryAdd(EmailAddressRules.Normalize(entry.EmailAddress), entry);
            }

            platformAddresses.UnionWith(entries.Keys);
            optedOut += await OptOutRecordsAsync(entries, cancellationToken).ConfigureAwait(false);
            created += await EnsureSuppressionRowsAsync(platformAccountId, entries, cancellationToken).ConfigureAwait(false);
            token = page.NextPageToken;
        }
        while (token is not null);

        var pushed = options.Value.PushCrmSuppressions
            ? await PushAsync(platform, platformAddresses, cancellationToken).ConfigureAwait(false)
            : 0;
        var result = new ReconciliationResult(listed, optedOut, created, pushed);
        OperationLog.Reconciled(logger, platformAccountId, result.PlatformSuppressions, result.RecordsOptedOut, result.SuppressionRowsCreated, result.PushedToPlatform);
        return result;
    }

    private static bool IsOptOut(CoreReason reason) => reason is CoreReason.Unsubscribed or CoreReason.Complaint or CoreReason.Manual;

    private async Task<int> OptOutRecordsAsync(Dictionary<string, SuppressionEntry> entries, CancellationToken cancellationToken)
    {
        var optOuts = entries.Where(e => IsOptOut(e.Value.Reason)).ToList();
        var count = 0;
        foreach (var table in Tables)
        {
            var rows = new Dictionary<Guid, DataverseRow>();
            foreach (var batch in FetchValueBatches.Of(optOuts.Select(e => e.Key)))
                await ReadAsync(table, "emailaddress1", batch, rows, cancellationToken).ConfigureAwait(false);
            var named = optOuts.Select(e => e.Value.Record).OfType<Core.RecordReference>().Where(r => r.LogicalName == table).Select(r => r.Id.ToString("D")).Distinct().ToArray();
            foreach (var batch in FetchValueBatches.Of(named))
                await ReadAsync(table, table + "id", batch, rows, cancellationToken).ConfigureAwait(false);

            var updates = rows.Where(r => r.Value.GetBoolean("donotbulkemail") != true)
                .Select(r => new DataverseRow().Set(table + "id", r.Key).Set("donotbulkemail", true))
                .ToList();
            if (updates.Count == 0)
                continue;
            // Tagged: these opt-outs come from the platform, so the consent step must not queue them back to it.
            await client.UpdateMultipleAsync(table + "s", table, updates, WriteTags.OptOutFromPlatform, cancellationToken).ConfigureAwait(false);
            count += updates.Count;
        }

        return count;
    }

    private async Task ReadAsync(string table, string column, IReadOnlyCollection<string> values, Dictionary<Guid, DataverseRow> into, CancellationToken cancellationToken)
    {
        var fetch = In(table, column, values, table + "id", "donotbulkemail");
        await foreach (var row in client.FetchAsync(table + "s", fetch, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetGuid(table + "id") is { } id)
                into[id] = row;
        }
    }

    private async Task<int> EnsureSuppressionRowsAsync(Guid platformAccountId, Dictionary<string, SuppressionEntry> entries, CancellationToken cancellationToken)
    {
        var missing = new Dictionary<string, SuppressionEntry>(entries, StringComparer.Ordinal);
        foreach (var batch in FetchValueBatches.Of(entries.Keys))
        {
            // Any state: a row someone deactivated is a decision about CRM's list, and its alternate key is taken.
            await foreach (var row in client.FetchAsync(Suppressions, In(Suppression.EntityName, Suppression.EmailAddress, batch, Suppression.EmailAddress), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (row.GetString(Suppression.EmailAddress) is { } known)
                    missing.Remove(EmailAddressRules.Normalize(known));
            }
        }

        if (missing.Count == 0)
            return 0;
        var rows = missing.Select(m => DataverseClient.WithKey(new DataverseRow()
                .Set(Suppression.Reason, (int)ToSchema(m.Value.Reason))
                .Set(Suppression.Source, (int)SuppressionSource.EmailPlatform)
                .Set(Suppression.SuppressedOn, m.Value.Since)
                .Bind("ec_PlatformAccountId", "ec_platformaccounts", platformAccountId),
            Suppressions, RecordKey.ForAlternateKey((Suppression.EmailAddress, m.Key)))).ToList();
        await client.UpsertMultipleAsync(Suppressions, Suppression.EntityName, rows, cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }

    private async Task<int> PushAsync(IEmailPlatform platform, HashSet<string> platformAddresses, CancellationToken cancellationToken)
    {
        var fetch = new XElement("fetch",
            new XElement("entity", new XAttribute("name", Suppression.EntityName),
                Attribute(Suppression.PrimaryId), Attribute(Suppression.EmailAddress), Attribute(Suppression.Reason),
                new XElement("order", new XAttribute("attribute", Suppression.PrimaryId)),
                new XElement("filter", Condition(Suppression.StateCode, "eq", "0")))).ToString(SaveOptions.DisableFormatting);
        var pushed = 0;
        await foreach (var page in client.FetchPagesAsync(Suppressions, fetch, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.Rows)
            {
                var address = row.GetString(Suppression.EmailAddress);
                if (!EmailAddressRules.IsValid(address) || !platformAddresses.Add(EmailAddressRules.Normalize(address!)))
                    continue;
                var reason = ToCore((SchemaReason?)row.GetOptionValue(Suppression.Reason));
                if (await platform.SuppressAsync(new SuppressionRequest(EmailAddressRules.Normalize(address!), reason), cancellationToken).ConfigureAwait(false) == ChangeOutcome.Applied)
                    pushed++;
            }
        }

        return pushed;
    }

    private static SchemaReason ToSchema(CoreReason reason) => reason switch
    {
        CoreReason.Unsubscribed => SchemaReason.Unsubscribed,
        CoreReason.HardBounce => SchemaReason.HardBounce,
        CoreReason.Complaint => SchemaReason.Complaint,
        _ => SchemaReason.Manual,
    };

    private static CoreReason ToCore(SchemaReason? reason) => reason switch
    {
        SchemaReason.Unsubscribed => CoreReason.Unsubscribed,
        SchemaReason.HardBounce => CoreReason.HardBounce,
        SchemaReason.Complaint => CoreReason.Complaint,
        _ => CoreReason.Manual,
    };

    private static string In(string table, string column, IEnumerable<string> values, params string[] attributes)
    {
        var condition = new XElement("condition", new XAttribute("attribute", column), new XAttribute("operator", "in"));
        foreach (var value in values)
            condition.Add(new XElement("value", value));
        return new XElement("fetch",
            new XElement("entity", new XAttribute("name", table),
                attributes.Select(Attribute),
                new XElement("filter", condition))).ToString(SaveOptions.DisableFormatting);
    }

    private static XElement Attribute(string name) => new("attribute", new XAttribute("name", name));

    private static XElement Condition(string attribute, string op, string value) =>
        new("condition", new XAttribute("attribute", attribute), new XAttribute("operator", op), new XAttribute("value", value));
}
