using System.Collections.Concurrent;
using System.Globalization;
using EmailConnector.Core;
using EmailConnector.Core.Mapping;
using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Dotdigital.Api;

namespace EmailConnector.Platforms.Dotdigital.Lists;

/// <summary>
/// One address book per campaign activity. Address books carry nothing but a name, so the key → book mapping is kept
/// per adapter instance and the worker stores the returned id on the activity. Creating is not idempotent
/// (<c>POST /v2/address-books</c>): the adapter reads the account's books first, picks the first free name
/// (<c>Name</c>, <c>Name (2)</c>, …), and after an unanswered create looks for that name before trying again.
/// </summary>
internal sealed class AddressBooks(DotdigitalContext context)
{
    public const int MaxNameLength = 128;
    private const string Operation = "EnsureList";
    private readonly ConcurrentDictionary<RecordReference, PlatformList> _byKey = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<PlatformList> EnsureAsync(ListDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (_byKey.TryGetValue(definition.Key, out var known))
            return known with { Created = false };

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_byKey.TryGetValue(definition.Key, out known))
                return known with { Created = false };
            var wanted = TextRules.Truncate(TextRules.ToSingleLine(definition.Name), MaxNameLength);
            var taken = await NamesAsync(cancellationToken).ConfigureAwait(false);
            for (var variant = 1; variant < 1000; variant++)
            {
                var name = variant == 1 ? wanted : WithSuffix(wanted, variant);
                if (taken.Contains(name))
                {
                    Log.AddressBookNameTaken(context.Logger, variant + 1, definition.Key.ToString());
                    continue;
                }
                var created = await CreateAsync(name, definition.Key, cancellationToken).ConfigureAwait(false);
                if (created is null)
                {
                    taken.Add(name); // someone took it between our read and our create
                    continue;
                }
                var list = new PlatformList(created.Value.ToString(CultureInfo.InvariantCulture), definition.Key, name, true);
                _byKey[definition.Key] = list;
                return list;
            }
            throw new PlatformPermanentException(DotdigitalPlatform.Name, Operation, "No free address book name after 1,000 variants.");
        }
        finally
        {
            _gate.Release();
        }
    }

    // Null: the name is in use (ERROR_ADDRESSBOOK_DUPLICATE).
    private async Task<int?> CreateAsync(string name, RecordReference key, CancellationToken cancellationToken)
    {
        var book = new ApiAddressBook { Name = name, Visibility = context.Options.AddressBookVisibility };
        try
        {
            var response = await context.Api.SendAsync(HttpMethod.Post, "v2/address-books", "POST v2/address-books", book, false, Operation, cancellationToken).ConfigureAwait(false);
            if (response.ErrorCode == "ERROR_ADDRESSBOOK_DUPLICATE")
                return null;
            if (!response.IsSuccess)
            {
                if (response.ToException(Operation) is PlatformTransientException and not PlatformThrottledException)
                    return await RecoverAsync(name, key, cancellationToken).ConfigureAwait(false) ?? throw response.ToException(Operation);
                throw response.ToException(Operation);
            }
            var id = response.Read<ApiAddressBook>().Id ?? throw new PlatformPermanentException(DotdigitalPlatform.Name, Operation, "Dotdigital created an address book without an id.");
            Log.AddressBookCreated(context.Logger, id, key.ToString());
            return id;
        }
        catch (PlatformTransientException e) when (e is not PlatformThrottledException)
        {
            // The create may have been applied before the answer was lost: look before trying again.
            if (await RecoverAsync(name, key, cancellationToken).ConfigureAwait(false) is { } recovered)
                return recovered;
            throw;
        }
    }

    private async Task<int?> RecoverAsync(string name, RecordReference key, CancellationToken cancellationToken)
    {
        var books = await AllAsync(cancellationToken).ConfigureAwait(false);
        var found = books.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));
        if (found?.Id is { } id)
            Log.AddressBookRecovered(context.Logger, id, key.ToString());
        return found?.Id;
    }

    private async Task<HashSet<string>> NamesAsync(CancellationToken cancellationToken) =>
        (await AllAsync(cancellationToken).ConfigureAwait(false)).Select(b => b.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private async Task<List<ApiAddressBook>> AllAsync(CancellationToken cancellationToken)
    {
        var all = new List<ApiAddressBook>();
        for (var skip = 0; ; skip += 1000)
        {
            var page = await context.Api.GetAsync<List<ApiAddressBook>>($"v2/address-books?select=1000&skip={skip}", "GET v2/address-books", Operation, cancellationToken).ConfigureAwait(false);
            all.AddRange(page);
            if (page.Count < 1000)
                return all;
        }
    }

    private static string WithSuffix(string name, int variant)
    {
        var suffix = $" ({variant})";
        return TextRules.Truncate(name, MaxNameLength - suffix.Length) + suffix;
    }
}
