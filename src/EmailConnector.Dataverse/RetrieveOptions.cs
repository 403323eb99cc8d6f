using EmailConnector.Dataverse.Rows;

namespace EmailConnector.Dataverse;

/// <summary>What a retrieve returns: columns, one single-valued expansion, annotations.</summary>
public sealed class RetrieveOptions
{
    /// <summary>The columns (lookups as <c>_x_value</c>); empty means all columns, which Microsoft advises against.</summary>
    public IReadOnlyList<string> Select { get; init; } = [];

    /// <summary>A single-valued navigation property to expand, or null.</summary>
    public string? Expand { get; init; }

    /// <summary>The columns of the expanded row.</summary>
    public IReadOnlyList<string> ExpandSelect { get; init; } = [];

    /// <summary>Annotations to ask for (<see cref="ODataAnnotations"/>), or null.</summary>
    public string? Annotations { get; init; }

    /// <summary>Selects columns.</summary>
    public static RetrieveOptions Columns(params string[] columns) => new() { Select = columns };

    internal string ToQueryString()
    {
        var options = new List<string>();
        if (Select.Count > 0)
        {
            options.Add("$select=" + string.Join(",", Select));
        }

        if (Expand is not null)
        {
            options.Add("$expand=" + Expand + (ExpandSelect.Count > 0 ? "($select=" + string.Join(",", ExpandSelect) + ")" : string.Empty));
        }

        return options.Count == 0 ? string.Empty : "?" + string.Join("&", options);
    }
}
