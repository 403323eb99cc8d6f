using System.Globalization;
using System.Net;
using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Recipients;
using EmailConnector.Platforms.Dotdigital.Api;

namespace EmailConnector.Platforms.Dotdigital.Contacts;

/// <summary>
/// Changes to one contact: rename and field updates (v3 PATCH by record), unsubscribes (v2, per address book or
/// account-wide), suppression, erasure (v3 DELETE) and the account's suppression list. Each change reads the contact
/// first, so a repeat reports <see cref="ChangeOutcome.AlreadyApplied"/> and nothing is ever resubscribed.
/// </summary>
internal sealed class ContactChanges(DotdigitalContext context, ContactDirectory directory, ListUnsubscribes listUnsubscribes)
{
    public async Task<RecipientOutcome> UpdateAsync(PlatformRecipient recipient, CancellationToken cancellationToken)
    {
        const string operation = "UpdateRecipient";
        ArgumentNullException.ThrowIfNull(recipient);
        var existing = await directory.FindByRecordAsync(recipient.Record, operation, cancellationToken).ConfigureAwait(false);
        if (existing is null)
            return new RecipientOutcome(recipient.Record, RecipientOutcomeKind.NotFound);
        await directory.EnsureFieldsAsync(recipient.Fields.Keys, operation, cancellationToken).ConfigureAwait(false);

        // Only identifiers and fields: the channel status is left alone, so an update never resubscribes.
        var body = new V3ContactRequest
        {
            Identifiers = new Dictionary<string, string> { ["email"] = recipient.EmailAddress },
            DataFields = recipient.Fields.Count == 0 ? null : recipient.Fields,
        };
        var response = await context.Api.SendAsync(HttpMethod.Patch,
            $"contacts/v3/{directory.Identifier}/{Uri.EscapeDataString(ContactDirectory.ValueOf(recipient.Record))}?merge-option=overwrite",
            "PATCH contacts/v3/{identifier}/{value}", body, true, operation, cancellationToken).ConfigureAwait(false);
        var contactId = existing.ContactId.ToString(CultureInfo.InvariantCulture);
        if (response.Status == HttpStatusCode.Conflict)
            return RecipientOutcome.Rejected(recipient.Record, RejectionReason.DuplicateAddress, $"Dotdigital refused the address ({response.ErrorCode}): another contact has it.", contactId);
        if (response.Status == HttpStatusCode.BadRequest && response.ErrorCode is { } code && code.Contains("Email", StringComparison.OrdinalIgnoreCase))
            return RecipientOutcome.Rejected(recipient.Record, RejectionReason.InvalidAddress, $"Dotdigital refused the address ({code}).", contactId);
        if (!response.IsSuccess)
            throw response.ToException(operation);
        return new RecipientOutcome(recipient.Record, RecipientOutcomeKind.Updated, contactId);
    }

    public async Task<PlatformRecipientState?> GetAsync(RecordReference record, string? listId, CancellationToken cancellationToken)
    {
        const string operation = "GetRecipient";
        var contact = await directory.FindByRecordAsync(record, operation, cancellationToken).ConfigureAwait(false);
        if (contact is null)
            return null;
        var fields = (contact.DataFields ?? new Dictionary<string, System.Text.Json.JsonElement>())
            .Where(f => !string.Equals(f.Key, directory.Identifier, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(f => f.Key, f => DotdigitalJson.Text(f.Value), StringComparer.OrdinalIgnoreCase);
        var status = MembershipStatus.None;
        if (listId is not null)
        {
            var id = DotdigitalContext.ParseListId(listId, operation);
            status = contact.Lists?.FirstOrDefault(l => l.Id == id)?.Status switch
            {
                "subscribed" or "pending" => MembershipStatus.Subscribed,
                "suppressed" => MembershipStatus.Unsubscribed,
                _ => MembershipStatus.None,
            };
        }
        return new PlatformRecipientState(record, contact.ContactId.ToString(CultureInfo.InvariantCulture),
            ContactDirectory.Value(contact.Identifiers, "email") ?? string.Empty, fields, ContactDirectory.IsOptedOut(contact), status);
    }

    public async Task<ChangeOutcome> UnsubscribeAsync(UnsubscribeRequest request, CancellationToken cancellationToken)
    {
        const string operation = "Unsubscribe";
        ArgumentNullException.ThrowIfNull(request);
        var contact = await directory.FindByRecordAsync(request.Record, operation, cancellationToken).ConfigureAwait(false);
        if (contact is null)
            return Logged("Unsubscribe", request.Record, ChangeOutcome.NotFound);
        var email = ContactDirectory.Value(contact.Identifiers, "email") ?? string.Empty;
        ChangeOutcome outcome;
        if (request.ListId is null)
        {
            if (ContactDirectory.IsOptedOut(contact))
                return Logged("Global unsubscribe", request.Record, ChangeOutcome.AlreadyApplied);
            // Unsubscribing twice is harmless, so the call may be repeated after a lost answer.
            await PostAsync("v2/contacts/unsubscribe", "POST v2/contacts/unsubscribe", new ApiContact { Email = email }, operation, cancellationToken).ConfigureAwait(false);
            outcome = ChangeOutcome.Applied;
        }
        else
        {
            var list = DotdigitalContext.ParseListId(request.ListId, operation);
            if (contact.Lists?.FirstOrDefault(l => l.Id == list)?.Status == "suppressed")
                return Logged("List unsubscribe", request.Record, ChangeOutcome.AlreadyApplied);
            await PostAsync($"v2/address-books/{list}/contacts/unsubscribe", "POST v2/address-books/{id}/contacts/unsubscribe",
                new ApiContact { Email = email }, operation, cancellationToken).ConfigureAwait(false);
            listUnsubscribes.Add(list, request.Record);
            outcome = ChangeOutcome.Applied;
        }
        return Logged(request.ListId is null ? "Global unsubscribe" : "List unsubscribe", request.Record, outcome);
    }

    public async Task<ChangeOutcome> SuppressAsync(SuppressionRequest request, CancellationToken cancellationToken)
    {
        const string operation = "Suppress";
        ArgumentNullException.ThrowIfNull(request);
        var email = EmailAddressRules.Normalize(request.EmailAddress);
        var contact = await directory.FindByEmailAsync(email, operation, cancellationToken).ConfigureAwait(false);
        if (contact is not null && ContactDirectory.IsOptedOut(contact))
            return ChangeOutcome.AlreadyApplied;
        if (contact is not null)
        {
            var response = await context.Api.SendAsync(HttpMethod.Put, "v2/contacts/suppress-contacts", "PUT v2/contacts/suppress-contacts",
                new[] { new ApiContactIdAndEmail { Id = checked((int)contact.ContactId), Email = email } }, true, operation, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
                throw response.ToException(operation);
            if (response.Read<ApiBulkSuppressResponse>().Suppressed is { Count: > 0 })
                return ChangeOutcome.Applied;
        }
        // An address without a contact: the account-level unsubscribe records it as suppressed.
        await PostAsync("v2/contacts/unsubscribe", "POST v2/contacts/unsubscribe", new ApiContact { Email = email }, operation, cancellationToken).ConfigureAwait(false);
        return ChangeOutcome.Applied;
    }

    public async Task<ChangeOutcome> EraseAsync(RecordReference record, CancellationToken cancellationToken)
    {
        const string operation = "EraseRecipient";
        var contact = await directory.FindByRecordAsync(record, operation, cancellationToken).ConfigureAwait(false);
        if (contact is null)
            return Logged("Erase", record, ChangeOutcome.NotFound);
        var response = await context.Api.SendAsync(HttpMethod.Delete,
            $"contacts/v3/{directory.Identifier}/{Uri.EscapeDataString(ContactDirectory.ValueOf(record))}",
            "DELETE contacts/v3/{identifier}/{value}", null, true, operation, cancellationToken).ConfigureAwait(false);
        directory.Forget(contact.ContactId);
        if (response.IsNotFound)
            return Logged("Erase", record, ChangeOutcome.AlreadyApplied);
        if (!response.IsSuccess)
            throw response.ToException(operation);
        return Logged("Erase", record, ChangeOutcome.Applied);
    }

    public async Task<SuppressionPage> GetSuppressionsAsync(SuppressionQuery query, CancellationToken cancellationToken)
    {
        const string operation = "GetSuppressions";
        ArgumentNullException.ThrowIfNull(query);
        var skip = query.PageToken is null ? 0 : int.Parse(query.PageToken, NumberStyles.None, CultureInfo.InvariantCulture);
        var select = Math.Clamp(query.PageSize, 1, 1000);
        var rows = await context.Api.GetAsync<List<ApiContactSuppression>>(
            $"v2/contacts/suppressed-since/{DotdigitalJson.PathDate(DotdigitalContext.Origin)}?select={select}&skip={skip}",
            "GET v2/contacts/suppressed-since", operation, cancellationToken).ConfigureAwait(false);
        var entries = rows
            .Where(r => !string.IsNullOrWhiteSpace(r.SuppressedContact?.Email))
            .Select(r => new SuppressionEntry(EmailAddressRules.Normalize(r.SuppressedContact!.Email), ReasonOf(r.Reason), r.DateRemoved, directory.RecordOf(r.SuppressedContact)))
            .ToList();
        return new SuppressionPage(entries, rows.Count < select ? null : (skip + rows.Count).ToString(CultureInfo.InvariantCulture));
    }

    public static SuppressionReason ReasonOf(string? status) => status switch
    {
        "Unsubscribed" => SuppressionReason.Unsubscribed,
        "HardBounced" => SuppressionReason.HardBounce,
        "IspComplained" or "DirectComplaint" => SuppressionReason.Complaint,
        "Suppressed" => SuppressionReason.Manual,
        _ => SuppressionReason.Other,
    };

    private async Task PostAsync(string path, string route, object body, string operation, CancellationToken cancellationToken)
    {
        var response = await context.Api.SendAsync(HttpMethod.Post, path, route, body, true, operation, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
            throw response.ToException(operation);
    }

    private ChangeOutcome Logged(string change, RecordReference record, ChangeOutcome outcome)
    {
        Log.ContactChanged(context.Logger, change, record.ToString(), outcome.ToString());
        return outcome;
    }
}
