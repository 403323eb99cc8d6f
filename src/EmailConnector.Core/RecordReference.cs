using System;

namespace EmailConnector.Core;

// Linked into the net462 plugin assembly (EmailConnector.Core.LinkedRules.props): plain C# only.

/// <summary>
/// A CRM record, by table logical name and id. Platform contacts are keyed by this, never by the email address, so an
/// address change is a rename of the same platform contact.
/// </summary>
public readonly struct RecordReference : IEquatable<RecordReference>
{
    private readonly string? _logicalName;

    /// <summary>Creates a reference; the logical name is stored in lower case, as Dataverse names tables.</summary>
    public RecordReference(string logicalName, Guid id)
    {
        if (string.IsNullOrWhiteSpace(logicalName))
            throw new ArgumentException("A record reference needs a table logical name.", nameof(logicalName));
        if (id == Guid.Empty)
            throw new ArgumentException("A record reference needs a non-empty id.", nameof(id));
        _logicalName = logicalName.Trim().ToLowerInvariant();
        Id = id;
    }

    /// <summary>The table logical name, e.g. <c>contact</c> or <c>lead</c>.</summary>
    public string LogicalName => _logicalName ?? string.Empty;

    /// <summary>The record id.</summary>
    public Guid Id { get; }

    /// <summary>A contact.</summary>
    public static RecordReference Contact(Guid id) => new RecordReference("contact", id);

    /// <summary>A lead.</summary>
    public static RecordReference Lead(Guid id) => new RecordReference("lead", id);

    /// <summary>An account.</summary>
    public static RecordReference Account(Guid id) => new RecordReference("account", id);

    /// <summary>Parses the <see cref="ToString"/> form <c>table:id</c>.</summary>
    public static RecordReference Parse(string text)
    {
        if (text is null)
            throw new ArgumentNullException(nameof(text));
        var colon = text.IndexOf(':');
        Guid id;
        if (colon <= 0 || !Guid.TryParse(text.Substring(colon + 1), out id))
            throw new FormatException("A record reference reads 'table:id', e.g. 'contact:6f1c…'.");
        return new RecordReference(text.Substring(0, colon), id);
    }

    public bool Equals(RecordReference other) =>
        Id == other.Id && string.Equals(LogicalName, other.LogicalName, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is RecordReference other && Equals(other);

    public override int GetHashCode() => unchecked((LogicalName.GetHashCode() * 397) ^ Id.GetHashCode());

    /// <summary><c>table:id</c>, stable and free of personal data, fit for logs and keys.</summary>
    public override string ToString() => LogicalName + ":" + Id.ToString("D");

    public static bool operator ==(RecordReference left, RecordReference right) => left.Equals(right);

    public static bool operator !=(RecordReference left, RecordReference right) => !left.Equals(right);
}
