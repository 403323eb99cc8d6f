using System.Net;
using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Recipients;
using EmailConnector.Platforms.Dotdigital.Api;

namespace EmailConnector.Platforms.Dotdigital.Contacts;

/// <summary>
/// Bulk transfer through the v3 contact import (<c>PUT /contacts/v3/import</c>, then polling
/// <c>GET /contacts/v3/import/{id}</c>): contacts matched on the record identifier, one outcome per recipient mapped back
/// from the job's created/updated/failures lists. An import is an upsert by record, so repeating one is safe.
/// </summary>
internal sealed class ContactImporter(DotdigitalContext context, ContactDirectory directory, ListUnsubscribes listUnsubscribes)
{
    private const string Operation = "ImportRecipients";

    public async Task<ImportResult> ImportAsync(string listId, IReadOnlyList<PlatformRecipient> recipients, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        if (recipients.Count > context.Options.MaxImportBatchSize)
            throw new ArgumentException($"At most {context.Options.MaxImportBatchSize} recipients per import; got {recipients.Count}.", nameof(recipients));
        var list = DotdigitalContext.ParseListId(listId, Operation);
        var outcomes = new RecipientOutcome?[recipients.Count];
        if (recipients.Count == 0)
            return new ImportResult([]);

        await directory.EnsureFieldsAsync(recipients.SelectMany(r => r.Fields.Keys), Operation, cancellationToken).ConfigureAwait(false);
        var leftList = await listUnsubscribes.OfListAsync(list, Operation, cancellationToken).ConfigureAwait(false);

        var seen = new HashSet<RecordReference>();
        var toImport = new List<int>();
        for (var i = 0; i < recipients.Count; i++)
        {
            var record = recipients[i].Record;
            if (!seen.Add(record))
                outcomes[i] = RecipientOutcome.Rejected(record, RejectionReason.DuplicateRecord, "The record appears earlier in the batch.");
            else if (leftList.Contains(record))
                outcomes[i] = RecipientOutcome.Rejected(record, RejectionReason.Unsubscribed, "Unsubscribed from this address book.");
            else
                toImport.Add(i);
        }

        await ImportChunkAsync(list, recipients, toImport, outcomes, cancellationToken).ConfigureAwait(false);
        return new ImportResult(outcomes.Select((o, i) => o ?? RecipientOutcome.Rejected(recipients[i].Record, RejectionReason.Other, "Not reported by the import.")).ToList());
    }

    private async Task ImportChunkAsync(int list, IReadOnlyList<PlatformRecipient> recipients, List<int> indexes, RecipientOutcome?[] outcomes, CancellationToken cancellationToken)
    {
        if (indexes.Count == 0)
            return;
        var request = new V3ImportRequest("overwrite", indexes.Select(i => ToRequest(recipients[i], list)).ToList());
        var size = Http.DotdigitalApi.BodySize(request);
        if (size > context.Options.MaxImportBodyBytes && indexes.Count > 1)
        {
            Log.ImportSplit(context.Logger, indexes.Count, size);
            var half = indexes.Count / 2;
            await ImportChunkAsync(list, recipients, indexes[..half], outcomes, cancellationToken).ConfigureAwait(false);
            await ImportChunkAsync(list, recipients, indexes[half..], outcomes, cancellationToken).ConfigureAwait(false);
            return;
        }

        // 429 contacts:tooManyActiveImports is waited out by the resilience pipeline like any throttling answer.
        var started = await context.Api.SendAsync(HttpMethod.Put, "contacts/v3/import", "PUT contacts/v3/import", request, true, Operation, cancellationToken).ConfigureAwait(false);
        if (!started.IsSuccess)
            throw started.ToException(Operation);
        var importId = started.Read<V3ImportAccepted>().ImportId;
        Log.ImportStarted(context.Logger, importId, indexes.Count, list.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var status = await PollAsync(importId, cancellationToken).ConfigureAwait(false);
        MapOutcomes(status, recipients, indexes, outcomes);
        await ResolveUnreportedAsync(status, recipients, indexes, outcomes, cancellationToken).ConfigureAwait(false);
        Log.ImportEnded(context.Logger, importId, status.Status,
            indexes.Count(i => outcomes[i]?.Kind == RecipientOutcomeKind.Imported),
            indexes.Count(i => outcomes[i]?.Kind == RecipientOutcomeKind.Updated),
            indexes.Count(i => outcomes[i]?.Kind == RecipientOutcomeKind.Rejected));
    }

    private V3ContactRequest ToRequest(PlatformRecipient recipient, int list) => new()
    {
        MatchIdentifier = directory.Identifier,
        Identifiers = new Dictionary<string, string>
        {
            [directory.Identifier] = ContactDirectory.ValueOf(recipient.Record),
            ["email"] = recipient.EmailAddress,
        },
        DataFields = recipient.Fields.Count == 0 ? null : recipient.Fields,
        // No channel status: a new contact starts subscribed, an existing one keeps its status (never resubscribed).
        Lists = [list],
    };

    private async Task<V3ImportStatus> PollAsync(string importId, CancellationToken cancellationToken)
    {
        var deadline = context.Time.GetUtcNow() + context.Options.ImportTimeout;
        while (true)
        {
            var response = await context.Api.SendAsync(HttpMethod.Get, $"contacts/v3/import/{Uri.EscapeDataString(importId)}",
                "GET contacts/v3/import/{importId}", null, true, Operation, cancellationToken).ConfigureAwait(false);
            if (response.Status == HttpStatusCode.NotFound)
                throw new PlatformTransientException(DotdigitalPlatform.Name, Operation, $"Import {importId} is unknown to Dotdigital ({response.ErrorCode}); the batch will be imported again.");
            if (!response.IsSuccess)
                throw response.ToException(Operation);
            var status = response.Read<V3ImportStatus>();
            switch (status.Status)
            {
                case "NotFinished":
                    if (context.Time.GetUtcNow() >= deadline)
                        throw new PlatformTransientException(DotdigitalPlatform.Name, Operation, $"Import {importId} did not finish within {context.Options.ImportTimeout}.");
                    await context.Delay.DelayAsync(context.Options.ImportPollInterval, cancellationToken).ConfigureAwait(false);
                    continue;
                case "ExceedsAllowedContactLimit":
                    throw new PlatformPermanentException(DotdigitalPlatform.Name, Operation, $"Import {importId}: the Dotdigital account has reached its contact limit.");
                case "RejectedByWatchdog":
                    throw new PlatformPermanentException(DotdigitalPlatform.Name, Operation, $"Import {importId} was rejected by Dotdigital's data watchdog; the data needs a look before it is sent again.");
                case "Failed" when (status.Created?.Count ?? 0) + (status.Updated?.Count ?? 0) + (status.Failures?.Count ?? 0) == 0:
                    throw new PlatformTransientException(DotdigitalPlatform.Name, Operation, $"Import {importId} failed without a report; the batch will be imported again.");
                default:
                    return status;
            }
        }
    }

    private void MapOutcomes(V3ImportStatus status, IReadOnlyList<PlatformRecipient> recipients, List<int> indexes, RecipientOutcome?[] outcomes)
    {
        var byRecord = indexes.ToDictionary(i => ContactDirectory.ValueOf(recipients[i].Record), StringComparer.OrdinalIgnoreCase);
        var byEmail = indexes.ToLookup(i => EmailAddressRules.Normalize(recipients[i].EmailAddress), StringComparer.OrdinalIgnoreCase);

        int? Locate(IReadOnlyDictionary<string, System.Text.Json.JsonElement>? identifiers)
        {
            if (ContactDirectory.Value(identifiers, directory.Identifier) is { } value && byRecord.TryGetValue(value, out var index))
                return index;
            // Without the record identifier, the first recipient with that address that has no outcome yet.
            if (ContactDirectory.Value(identifiers, "email") is { } email)
                return byEmail[EmailAddressRules.Normalize(email)].Cast<int?>().FirstOrDefault(i => outcomes[i!.Value] is null);
            return null;
        }

        foreach (var (references, kind) in new[] { (status.Created, RecipientOutcomeKind.Imported), (status.Updated, RecipientOutcomeKind.Updated) })
        {
            foreach (var reference in references ?? [])
            {
                if (Locate(reference.Identifiers) is not { } index)
                    continue;
                var record = recipients[index].Record;
                directory.Remember(reference.ContactId, record);
                outcomes[index] = new RecipientOutcome(record, kind, reference.ContactId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        foreach (var failure in status.Failures ?? [])
        {
            if (Locate(failure.Identifiers) is not { } index)
                continue;
            var code = failure.Failures.FirstOrDefault()?.FailureCode ?? "unknown";
            outcomes[index] = RecipientOutcome.Rejected(recipients[index].Record, ReasonOf(code), $"Dotdigital import failure '{code}'.",
                failure.ContactId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (status.Status == "Failed")
        {
            foreach (var index in indexes.Where(i => outcomes[i] is null))
                outcomes[index] = RecipientOutcome.Rejected(recipients[index].Record, RejectionReason.Other, $"Dotdigital import {status.ImportId} failed.");
        }
    }

    // Contacts suppressed account-wide are only counted (summary.globallySuppressed), not listed: whoever the job did
    // not report is one of them when the counts agree, and is looked up otherwise.
    private async Task ResolveUnreportedAsync(V3ImportStatus status, IReadOnlyList<PlatformRecipient> recipients, List<int> indexes, RecipientOutcome?[] outcomes, CancellationToken cancellationToken)
    {
        var unreported = indexes.Where(i => outcomes[i] is null).ToList();
        if (unreported.Count == 0)
            return;
        var suppressedCount = status.Summary?.GloballySuppressed ?? 0;
        foreach (var index in unreported)
        {
            var record = recipients[index].Record;
            if (unreported.Count <= suppressedCount)
            {
                outcomes[index] = RecipientOutcome.Rejected(record, RejectionReason.Suppressed, "Suppressed account-wide at Dotdigital.");
                continue;
            }
            var contact = await directory.FindByRecordAsync(record, Operation, cancellationToken).ConfigureAwait(false)
                ?? await directory.FindByEmailAsync(recipients[index].EmailAddress, Operation, cancellationToken).ConfigureAwait(false);
            outcomes[index] = contact is not null && ContactDirectory.IsOptedOut(contact)
                ? RecipientOutcome.Rejected(record, RejectionReason.Suppressed, "Suppressed account-wide at Dotdigital.")
                : RecipientOutcome.Rejected(record, RejectionReason.Other, $"Dotdigital import {status.ImportId} did not report this recipient.");
        }
    }

    private static RejectionReason ReasonOf(string failureCode) => failureCode switch
    {
        "invalidEmail" or "invalidEmailAddress" => RejectionReason.InvalidAddress,
        "duplicateIdentifier" or "idAlreadyExists" => RejectionReason.DuplicateAddress,
        "globallySuppressed" or "suppressed" => RejectionReason.Suppressed,
        "invalidDataField" or "dataFieldNotFound" or "invalidDataFieldValue" => RejectionReason.InvalidField,
        _ => RejectionReason.Other,
    };
}
