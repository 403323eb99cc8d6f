using System.Globalization;

namespace EmailConnector.Core.Mapping;

/// <summary>
/// Maps CRM column values to platform fields (push) and platform fields back to CRM columns (pull) through the
/// <c>ec_datamapping</c> rows. Bad values never stop a transfer: they are cleaned or dropped and reported as
/// <see cref="FieldIssue"/>s, which the worker writes to the record's sync status.
/// </summary>
public sealed class FieldMapper
{
    private readonly IReadOnlyList<FieldMapping> _mappings;

    public FieldMapper(IEnumerable<FieldMapping> mappings)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        _mappings = mappings.ToList();
        foreach (var duplicate in _mappings.Where(m => m.Pushes).GroupBy(m => m.PlatformField, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            throw new ArgumentException($"Platform field '{duplicate.Key}' is fed by more than one pushed CRM column.", nameof(mappings));
        foreach (var duplicate in _mappings.Where(m => m.Pulls).GroupBy(m => m.CrmColumn, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            throw new ArgumentException($"CRM column '{duplicate.Key}' is fed by more than one pulled platform field.", nameof(mappings));
    }

    /// <summary>The CRM columns whose change must be pushed (the plugins' filtering attributes).</summary>
    public IReadOnlyList<string> PushedColumns => _mappings.Where(m => m.Pushes).Select(m => m.CrmColumn).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>
    /// The platform fields for one record. <paramref name="crmValues"/> holds the record's columns by logical name
    /// (a missing column maps to null, which clears the platform field); values longer than
    /// <paramref name="maxFieldLength"/> are truncated.
    /// </summary>
    public MappedFields Push(IReadOnlyDictionary<string, object?> crmValues, int maxFieldLength)
    {
        ArgumentNullException.ThrowIfNull(crmValues);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFieldLength, 1);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var issues = new List<FieldIssue>();
        foreach (var mapping in _mappings.Where(m => m.Pushes))
        {
            crmValues.TryGetValue(mapping.CrmColumn, out var raw);
            var text = Format(raw, mapping);
            values[mapping.PlatformField] = Clean(text, mapping.Kind, mapping.PlatformField, maxFieldLength, issues);
        }
        return new MappedFields(values, issues);
    }

    /// <summary>
    /// The CRM columns for one platform contact's fields (pulled and two-way mappings). Fields the platform did not
    /// send are left out, so they do not overwrite CRM; <paramref name="maxLengthOf"/> gives a column's limit.
    /// </summary>
    public MappedFields Pull(IReadOnlyDictionary<string, string?> platformValues, Func<string, int> maxLengthOf)
    {
        ArgumentNullException.ThrowIfNull(platformValues);
        ArgumentNullException.ThrowIfNull(maxLengthOf);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var issues = new List<FieldIssue>();
        var incoming = new Dictionary<string, string?>(platformValues, StringComparer.OrdinalIgnoreCase);
        foreach (var mapping in _mappings.Where(m => m.Pulls))
        {
            if (!incoming.TryGetValue(mapping.PlatformField, out var text))
                continue;
            values[mapping.CrmColumn] = Clean(text, mapping.Kind, mapping.CrmColumn, maxLengthOf(mapping.CrmColumn), issues);
        }
        return new MappedFields(values, issues);
    }

    private static string? Clean(string? text, FieldKind kind, string field, int maxLength, List<FieldIssue> issues)
    {
        if (text is null)
            return null;
        if (TextRules.HasForbiddenControlCharacters(text, singleLine: false))
        {
            issues.Add(new FieldIssue(field, FieldIssueKind.ControlCharactersRejected, "The value holds control characters and was not sent."));
            return null;
        }
        if (kind == FieldKind.Name)
        {
            var single = TextRules.ToSingleLine(text);
            if (TextRules.HasMarkup(single))
            {
                single = TextRules.StripMarkup(single);
                issues.Add(new FieldIssue(field, FieldIssueKind.MarkupStripped, "Markup was removed from the name."));
            }
            text = single;
        }
        if (text.Length > maxLength)
        {
            issues.Add(new FieldIssue(field, FieldIssueKind.Truncated, $"{text.Length} characters cut to the limit of {maxLength}."));
            text = TextRules.Truncate(text, maxLength);
        }
        return text;
    }

    // Platform-neutral wire forms: invariant numbers, ISO dates, lower-case booleans. Adapters convert to their types.
    private static string? Format(object? raw, FieldMapping mapping) => raw switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dt when mapping.Kind == FieldKind.Date => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset dto when mapping.Kind == FieldKind.Date => dto.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dt => ToUtc(dt).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        Guid g => g.ToString("D"),
        int or long or short or byte or decimal or double or float => Convert.ToString(raw, CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException(
            $"CRM column '{mapping.CrmColumn}' holds a {raw.GetType().Name}; field mapping supports text, numbers, dates, booleans and ids."),
    };

    // Dataverse returns UTC; an unspecified kind is taken as UTC rather than shifted by the worker's time zone.
    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
