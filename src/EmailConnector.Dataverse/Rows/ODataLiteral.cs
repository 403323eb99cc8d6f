using System.Globalization;

namespace EmailConnector.Dataverse.Rows;

/// <summary>Formats CLR values as OData URL literals, for key segments and <c>$filter</c>.</summary>
public static class ODataLiteral
{
    /// <summary>
    /// The literal for <paramref name="value"/>: strings in single quotes with <c>''</c> escaping, Guids, numbers and
    /// booleans bare, dates in ISO 8601 UTC, null as <c>null</c>. Not URL-encoded.
    /// </summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        Guid g => g.ToString("D"),
        bool b => b ? "true" : "false",
        DateTime d => FormatDate(d),
        DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        int or long or short or byte => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        float x => x.ToString("R", CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException($"OData literal for values of type {value.GetType().Name} is not supported."),
    };

    private static string FormatDate(DateTime d)
    {
        // An unspecified kind is taken as UTC: Dataverse returns and expects UTC, and guessing local time shifts rows.
        var utc = d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : DateTime.SpecifyKind(d, DateTimeKind.Utc);
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
