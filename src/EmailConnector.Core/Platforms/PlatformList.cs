namespace EmailConnector.Core.Platforms;

/// <summary>The list a campaign activity (or a synced marketing list) needs on the platform.</summary>
/// <param name="Key">The CRM record the list belongs to; the platform keeps exactly one list per key.</param>
/// <param name="Name">The wanted name (the activity's list name, prefilled from its subject).</param>
/// <param name="SenderAddress">The activity's sender address, where the platform stores one per list.</param>
/// <param name="ReplyToAddress">The activity's reply-to address, where the platform stores one per list.</param>
public sealed record ListDefinition(RecordReference Key, string Name, string? SenderAddress = null, string? ReplyToAddress = null);

/// <summary>A list on the platform.</summary>
/// <param name="Id">The platform's list id, stored on the campaign activity.</param>
/// <param name="Key">The CRM record the list belongs to.</param>
/// <param name="Name">The name the platform uses (made unique, cut to <see cref="PlatformCapabilities.MaxListNameLength"/>).</param>
/// <param name="Created">True when this call created the list, false when it already existed.</param>
public sealed record PlatformList(string Id, RecordReference Key, string Name, bool Created);
