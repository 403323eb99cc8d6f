namespace EmailConnector.Emulator.Metadata;

/// <summary>One column of a table: its type and the constraints the store enforces on write.</summary>
public sealed class ColumnDefinition
{
    public ColumnDefinition(string logicalName, ColumnType type)
    {
        if (string.IsNullOrEmpty(logicalName) || logicalName != logicalName.ToLowerInvariant())
            throw new ArgumentException($"A column logical name must be lower case: '{logicalName}'.", nameof(logicalName));
        LogicalName = logicalName;
        Type = type;
    }

    public string LogicalName { get; }

    public ColumnType Type { get; }

    /// <summary>Maximum length of String and Memo columns; null when unlimited or unknown.</summary>
    public int? MaxLength { get; init; }

    public long? MinValue { get; init; }

    public long? MaxValue { get; init; }

    /// <summary>Target tables of Lookup, Customer, Owner and PartyList columns.</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>Valid values of Picklist, Status and MultiSelectPicklist columns; null means not checked.</summary>
    public IReadOnlyDictionary<int, string>? Options { get; init; }

    /// <summary>The global option set the column uses, when it uses one.</summary>
    public string? GlobalOptionSetName { get; init; }

    public DateTimeBehavior DateTimeBehavior { get; init; } = DateTimeBehavior.UserLocal;

    /// <summary>Dataverse drops a value for a column that is not valid for create from a Create request.</summary>
    public bool ValidForCreate { get; init; } = true;

    /// <summary>Dataverse drops a value for a column that is not valid for update from an Update request.</summary>
    public bool ValidForUpdate { get; init; } = true;

    /// <summary>For PartyList columns: the activityparty.participationtypemask value of this column.</summary>
    public int? ParticipationTypeMask { get; init; }

    public override string ToString() => $"{LogicalName} ({Type})";
}
