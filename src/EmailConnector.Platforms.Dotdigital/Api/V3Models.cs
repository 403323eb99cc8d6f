using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmailConnector.Platforms.Dotdigital.Api;

// Shapes of the v3 Contacts API (dotdigital-contacts-service.json).

internal sealed record V3EmailChannelRequest
{
    public string? EmailType { get; init; }

    public string? OptInType { get; init; }

    public string? Status { get; init; }
}

internal sealed record V3ChannelPropertiesRequest(V3EmailChannelRequest Email);

internal sealed record V3ContactRequest
{
    public string? MatchIdentifier { get; init; }

    public required IReadOnlyDictionary<string, string> Identifiers { get; init; }

    public IReadOnlyDictionary<string, string?>? DataFields { get; init; }

    public V3ChannelPropertiesRequest? ChannelProperties { get; init; }

    public IReadOnlyList<int>? Lists { get; init; }
}

internal sealed record V3ImportRequest(string MergeOption, IReadOnlyList<V3ContactRequest> Contacts);

internal sealed record V3ImportAccepted(string ImportId);

internal sealed record V3ContactReference(long ContactId, IReadOnlyDictionary<string, JsonElement>? Identifiers);

internal sealed record V3FailureReason(string FailureCode, string Description);

internal sealed record V3ImportFailure(long? ContactId, string MatchIdentifier, IReadOnlyDictionary<string, JsonElement>? Identifiers, IReadOnlyList<V3FailureReason> Failures);

internal sealed record V3ImportSummary(int NewContacts, int UpdatedContacts, int GloballySuppressed, int InvalidEntries, int DuplicateIdentifiers);

internal sealed record V3ImportStatus
{
    public required string ImportId { get; init; }

    public required string Status { get; init; }

    public V3ImportSummary? Summary { get; init; }

    public IReadOnlyList<V3ContactReference>? Created { get; init; }

    public IReadOnlyList<V3ContactReference>? Updated { get; init; }

    public IReadOnlyList<V3ImportFailure>? Failures { get; init; }
}

internal sealed record V3EmailChannel(string? EmailType, string? OptInType, string? Status);

internal sealed record V3ChannelProperties(V3EmailChannel? Email);

internal sealed record V3ContactList(int Id, string Name, string Status);

internal sealed record V3Contact
{
    public long ContactId { get; init; }

    public string? Status { get; init; }

    public DateTimeOffset Created { get; init; }

    public DateTimeOffset Updated { get; init; }

    public IReadOnlyDictionary<string, JsonElement>? Identifiers { get; init; }

    public IReadOnlyDictionary<string, JsonElement>? DataFields { get; init; }

    public V3ChannelProperties? ChannelProperties { get; init; }

    public IReadOnlyList<V3ContactList>? Lists { get; init; }
}

internal sealed record V3Link(string? Marker, string? Link);

internal sealed record V3Links
{
    public V3Link? Next { get; init; }
}

internal sealed record V3ContactPage
{
    [JsonPropertyName("_links")]
    public V3Links? Links { get; init; }

    [JsonPropertyName("_items")]
    public IReadOnlyList<V3Contact> Items { get; init; } = [];
}

/// <summary>A v3 error body.</summary>
internal sealed record V3Error(string? ErrorCode, string? Description);
