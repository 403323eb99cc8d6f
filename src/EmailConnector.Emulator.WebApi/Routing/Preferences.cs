using System.Globalization;
using System.Text;

namespace EmailConnector.Emulator.WebApi.Routing;

/// <summary>Which instance annotations the caller asked for with odata.include-annotations ("*", "ns.*", names, "-name").</summary>
internal sealed class AnnotationFilter
{
    public const string FormattedValue = "OData.Community.Display.V1.FormattedValue";
    public const string LookupLogicalName = "Microsoft.Dynamics.CRM.lookuplogicalname";
    public const string AssociatedNavigationProperty = "Microsoft.Dynamics.CRM.associatednavigationproperty";
    public const string FetchXmlPagingCookie = "Microsoft.Dynamics.CRM.fetchxmlpagingcookie";
    public const string MoreRecords = "Microsoft.Dynamics.CRM.morerecords";
    public const string TotalRecordCount = "Microsoft.Dynamics.CRM.totalrecordcount";

    private readonly List<string> _include;
    private readonly List<string> _exclude;

    private AnnotationFilter(List<string> include, List<string> exclude)
    {
        _include = include;
        _exclude = exclude;
    }

    public static AnnotationFilter None { get; } = new([], []);

    public string? Requested { get; private init; }

    public bool Any => _include.Count > 0;

    public static AnnotationFilter Parse(string value)
    {
        var include = new List<string>();
        var exclude = new List<string>();
        foreach (var raw in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw.StartsWith('-'))
                exclude.Add(raw[1..]);
            else
                include.Add(raw);
        }
        return new AnnotationFilter(include, exclude) { Requested = value };
    }

    public bool Includes(string term) => Matches(_include, term) && !Matches(_exclude, term);

    private static bool Matches(List<string> patterns, string term) =>
        patterns.Any(p => p == "*" || p == term || p.EndsWith(".*", StringComparison.Ordinal) && term.StartsWith(p[..^1], StringComparison.Ordinal));
}

/// <summary>The Prefer header (dataverse.md §3.1): several comma-separated preferences, values possibly quoted.</summary>
internal sealed class Preferences
{
    public const int MaxPageSizeLimit = 5000;

    public bool ReturnRepresentation { get; private set; }

    public int? MaxPageSize { get; private set; }

    public bool ContinueOnError { get; private set; }

    public AnnotationFilter Annotations { get; private set; } = AnnotationFilter.None;

    public static Preferences Parse(string? header)
    {
        var preferences = new Preferences();
        if (string.IsNullOrWhiteSpace(header))
            return preferences;
        foreach (var item in SplitOutsideQuotes(header))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            var name = (equals < 0 ? item : item[..equals]).Trim();
            var value = equals < 0 ? string.Empty : item[(equals + 1)..].Trim().Trim('"');
            switch (name.ToLowerInvariant())
            {
                case "return" when value == "representation":
                    preferences.ReturnRepresentation = true;
                    break;
                case "odata.include-annotations":
                    preferences.Annotations = AnnotationFilter.Parse(value);
                    break;
                case "odata.maxpagesize":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size <= 0)
                        throw WebApiErrors.Malformed($"The value '{value}' of the odata.maxpagesize preference is not a positive integer.");
                    preferences.MaxPageSize = Math.Min(size, MaxPageSizeLimit);
                    break;
                case "odata.continue-on-error":
                    preferences.ContinueOnError = value is "" or "true";
                    break;
                case "odata.track-changes":
                    throw WebApiErrors.NotImplemented("change tracking (Prefer: odata.track-changes)");
                default:
                    break;
            }
        }
        return preferences;
    }

    private static IEnumerable<string> SplitOutsideQuotes(string header)
    {
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in header)
        {
            if (c == '"')
                quoted = !quoted;
            if (c == ',' && !quoted)
            {
                if (current.Length > 0)
                    yield return current.ToString();
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        if (current.Length > 0)
            yield return current.ToString();
    }
}
