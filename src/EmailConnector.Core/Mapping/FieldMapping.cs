namespace EmailConnector.Core.Mapping;

/// <summary>Which way an <c>ec_datamapping</c> row moves a value. Values are stable: CRM stores them.</summary>
public enum MappingDirection
{
    /// <summary>CRM → platform (transfers and updates).</summary>
    Push = 1,

    /// <summary>Platform → CRM (e.g. survey answers, preferences).</summary>
    Pull = 2,

    Both = 3,
}

/// <summary>How a value is formatted and cleaned.</summary>
public enum FieldKind
{
    Text = 0,

    /// <summary>A person's or company's name: markup stripped, one line.</summary>
    Name = 1,
    Number = 2,

    /// <summary>A calendar date, sent as <c>yyyy-MM-dd</c>.</summary>
    Date = 3,

    /// <summary>A point in time, sent as ISO 8601 UTC.</summary>
    DateTime = 4,
    Boolean = 5,
}

/// <summary>One <c>ec_datamapping</c> row: a CRM column and the platform field it feeds.</summary>
public sealed record FieldMapping(string CrmColumn, string PlatformField, MappingDirection Direction, FieldKind Kind = FieldKind.Text)
{
    public bool Pushes => Direction is MappingDirection.Push or MappingDirection.Both;

    public bool Pulls => Direction is MappingDirection.Pull or MappingDirection.Both;
}

/// <summary>What happened to one field's value on its way.</summary>
public enum FieldIssueKind
{
    /// <summary>Longer than the target allows; the start was kept.</summary>
    Truncated = 1,

    /// <summary>Markup (tags, entities) was removed from a name.</summary>
    MarkupStripped = 2,

    /// <summary>The value held control characters; it was not sent at all.</summary>
    ControlCharactersRejected = 3,
}

/// <summary>A per-record, per-field note for the record's sync status in CRM. Names the field, never the value.</summary>
public sealed record FieldIssue(string Field, FieldIssueKind Kind, string Detail);

/// <summary>The mapped values of one record and what was done to them.</summary>
public sealed record MappedFields(IReadOnlyDictionary<string, string?> Values, IReadOnlyList<FieldIssue> Issues);
