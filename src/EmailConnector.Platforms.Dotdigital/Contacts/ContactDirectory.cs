using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Dotdigital.Api;

namespace EmailConnector.Platforms.Dotdigital.Contacts;

/// <summary>
/// Finds platform contacts by CRM record. The record (<c>contact:6f1c…</c>) lives in the data field named by
/// <see cref="DotdigitalOptions.RecordIdentifier"/>, which the account uses as a custom v3 contact identifier, so
/// lookups and imports match on it and never on the address. Keeps the data fields the account has, creating missing ones.
/// </summary>
internal sealed class ContactDirectory(DotdigitalContext context)
{
    private readonly ConcurrentDictionary<long, RecordReference?> _recordOfContact = new();
    private readonly SemaphoreSlim _fieldsGate = new(1, 1);
    private HashSet<string>? _fields;

    public string Identifier => context.Options.RecordIdentifier;

    public static string ValueOf(RecordReference record) => record.ToString();

    /// <summary>Creates the record field and any of <paramref name="fieldNames"/> the account lacks (as String, private).</summary>
    public async Task EnsureFieldsAsync(IEnumerable<string> fieldNames, string operation, CancellationToken cancellationToken)
    {
        var wanted = fieldNames.Append(Identifier).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (_fields is { } known && wanted.All(known.Contains))
            return;
        await _fieldsGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _fields ??= await ReadFieldsAsync(operation, cancellationToken).ConfigureAwait(false);
            foreach (var name in wanted.Where(n => !_fields.Contains(n)))
            {
                // POST is not idempotent: a lost answer is settled by reading the fields again, not by repeating it.
                var response = await context.Api.SendAsync(HttpMethod.Post, "v2/data-fields", "POST v2/data-fields",
                    new ApiDataField { Name = name, Type = "String", Visibility = "Private" }, false, operation, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    _fields = await ReadFieldsAsync(operation, cancellationToken).ConfigureAwait(false);
                    if (!_fields.Contains(name))
                        throw response.ToException(operation);
                    continue;
                }
                _fields.Add(name);
                Log.DataFieldCreated(context.Logger, name);
            }
        }
        finally
        {
            _fieldsGate.Release();
        }
    }

    public async Task<V3Contact?> FindByRecordAsync(RecordReference record, string operation, CancellationToken cancellationToken)
    {
        // The identifier exists only once its data field does (a fresh account has neither).
        await EnsureFieldsAsync([], operation, cancellationToken).ConfigureAwait(false);
        return await FindAsync(Identifier, ValueOf(record), operation, cancellationToken).ConfigureAwait(false);
    }

    public Task<V3Contact?> FindByEmailAsync(string email, string operation, CancellationToken cancellationToken) =>
        FindAsync("email", email, operation, cancellationToken);

    /// <summary>The CRM record of a platform contact; null for contacts that did not come from CRM (or are gone).</summary>
    public async Task<RecordReference?> RecordOfContactAsync(long contactId, string operation, CancellationToken cancellationToken)
    {
        if (_recordOfContact.TryGetValue(contactId, out var known))
            return known;
        var contact = await FindAsync("contactId", contactId.ToString(CultureInfo.InvariantCulture), operation, cancellationToken).ConfigureAwait(false);
        var record = contact is null ? null : RecordOf(contact);
        _recordOfContact[contactId] = record;
        return record;
    }

    public void Remember(long contactId, RecordReference record) => _recordOfContact[contactId] = record;

    public void Forget(long contactId) => _recordOfContact.TryRemove(contactId, out _);

    public RecordReference? RecordOf(V3Contact contact) =>
        ParseRecord(Value(contact.Identifiers, Identifier) ?? Value(contact.DataFields, Identifier));

    public RecordReference? RecordOf(ApiContact? contact) =>
        ParseRecord(DotdigitalJson.Text(contact?.DataFields?.FirstOrDefault(f => string.Equals(f.Key, Identifier, StringComparison.OrdinalIgnoreCase))?.Value));

    public static string? Value(IReadOnlyDictionary<string, JsonElement>? values, string name)
    {
        if (values is null)
            return null;
        foreach (var (key, value) in values)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                return DotdigitalJson.Text(value);
        }
        return null;
    }

    /// <summary>Opted out account-wide: the email channel is anything but subscribable.</summary>
    public static bool IsOptedOut(V3Contact contact)
    {
        var status = contact.ChannelProperties?.Email?.Status ?? contact.Status;
        return status is not null && status.ToLowerInvariant() is not ("subscribed" or "softbounced" or "pendingoptin" or "nosubscription" or "purchased");
    }

    private async Task<V3Contact?> FindAsync(string identifier, string value, string operation, CancellationToken cancellationToken)
    {
        var response = await context.Api.SendAsync(HttpMethod.Get, $"contacts/v3/{identifier}/{Uri.EscapeDataString(value)}",
            "GET contacts/v3/{identifier}/{value}", null, true, operation, cancellationToken).ConfigureAwait(false);
        if (response.IsNotFound)
            return null;
        if (!response.IsSuccess)
            throw response.ToException(operation);
        var contact = response.Read<V3Contact>();
        if (RecordOf(contact) is { } record)
            Remember(contact.ContactId, record);
        return contact;
    }

    private async Task<HashSet<string>> ReadFieldsAsync(string operation, CancellationToken cancellationToken)
    {
        var fields = await context.Api.GetAsync<List<ApiDataField>>("v2/data-fields", "GET v2/data-fields", operation, cancellationToken).ConfigureAwait(false);
        return fields.Select(f => f.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    private static RecordReference? ParseRecord(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            return RecordReference.Parse(text);
        }
        catch (FormatException)
        {
            return null; // a value someone typed into the field by hand: not one of ours
        }
    }
}
