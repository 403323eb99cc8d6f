using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EmailConnector.Dataverse.Rows;

/// <summary>
/// One row as OData JSON. Rows read from Dataverse keep the parsed JSON element, so reading a large page costs no
/// per-column objects; the first change turns the row into a mutable <see cref="JsonObject"/>. Rows built for writes
/// hold logical names and <c>nav@odata.bind</c> references, never <c>_x_value</c> (Dataverse rejects those on write).
/// </summary>
public sealed class DataverseRow
{
    // JSON for Dataverse, not for HTML: quotes, + and non-ASCII letters stay readable in bodies and logs of shapes.
    internal static readonly JsonSerializerOptions WireOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static readonly JsonWriterOptions WireWriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly JsonElement _source;
    private JsonObject? _json;

    /// <summary>An empty row to fill for a create, update or upsert.</summary>
    public DataverseRow()
    {
        _json = [];
    }

    private DataverseRow(JsonElement source)
    {
        if (source.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"A row must be a JSON object, not {source.ValueKind}.", nameof(source));
        }

        _source = source;
    }

    /// <summary>Wraps a parsed JSON object (no copy; the row keeps the element's document alive).</summary>
    public static DataverseRow FromJson(JsonElement element) => new(element);

    /// <summary>Parses a JSON object.</summary>
    public static DataverseRow Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new DataverseRow(document.RootElement.Clone());
    }

    /// <summary>The value of a column as a raw JSON value; setting it makes the row mutable.</summary>
    public JsonNode? this[string name]
    {
        get => Json[name];
        set => Json[name] = value;
    }

    /// <summary>The row as a mutable JSON object.</summary>
    public JsonObject Json => _json ??= JsonObject.Create(_source) ?? [];

    /// <summary>The <c>@odata.etag</c> of the row (<c>W/"&lt;version&gt;"</c>), or null.</summary>
    public string? ETag => GetString("@odata.etag");

    /// <summary>The names of the properties, annotations included.</summary>
    public IEnumerable<string> PropertyNames => _json is not null
        ? _json.Select(p => p.Key).ToArray()
        : _source.EnumerateObject().Select(p => p.Name);

    /// <summary>Whether the row has the property (FetchXML leaves out null columns; OData returns them as null).</summary>
    public bool Contains(string name) => TryGetElement(name, out _);

    /// <summary>Sets a column; returns the row so writes can be built fluently.</summary>
    public DataverseRow Set(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.StartsWith('_') && name.EndsWith("_value", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"'{name}' is read-only: set a lookup with Bind(navigationProperty, entitySet, id).", nameof(name));
        }

        Json[name] = ToNode(value);
        return this;
    }

    /// <summary>Sets a lookup through its navigation property: <c>"nav@odata.bind": "/set(key)"</c>.</summary>
    public DataverseRow Bind(string navigationProperty, string entitySet, RecordKey key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(navigationProperty);
        ArgumentException.ThrowIfNullOrWhiteSpace(entitySet);
        ArgumentNullException.ThrowIfNull(key);
        Json[navigationProperty + "@odata.bind"] = "/" + key.ToPath(entitySet);
        return this;
    }

    /// <summary>Clears a lookup through its navigation property (<c>"nav@odata.bind": null</c>).</summary>
    public DataverseRow Unbind(string navigationProperty)
    {
        Json[navigationProperty + "@odata.bind"] = null;
        return this;
    }

    /// <summary>A string column, or null.</summary>
    public string? GetString(string name) =>
        TryGetElement(name, out var e) && e.ValueKind != JsonValueKind.Null ? e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText() : null;

    /// <summary>A Guid column (primary keys, <c>_x_value</c>), or null.</summary>
    public Guid? GetGuid(string name) => TryGetValue(name, out var e) ? e.ValueKind == JsonValueKind.String ? e.GetGuid() : throw WrongType(name, e, "Guid") : null;

    /// <summary>A whole-number column, or null.</summary>
    public int? GetInt32(string name) => TryGetValue(name, out var e) ? e.ValueKind == JsonValueKind.Number ? e.GetInt32() : throw WrongType(name, e, "Int32") : null;

    /// <summary>A big-integer column, or null.</summary>
    public long? GetInt64(string name) => TryGetValue(name, out var e) ? e.ValueKind == JsonValueKind.Number ? e.GetInt64() : throw WrongType(name, e, "Int64") : null;

    /// <summary>A Yes/No column, or null.</summary>
    public bool? GetBoolean(string name) => TryGetValue(name, out var e)
        ? e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(name, e, "Boolean"),
        }
        : null;

    /// <summary>A choice, state or status column (its integer value), or null.</summary>
    public int? GetOptionValue(string name) => GetInt32(name);

    /// <summary>A multi-select choice column (<c>"1,3"</c>), or an empty list.</summary>
    public IReadOnlyList<int> GetOptionValues(string name)
    {
        var text = GetString(name);
        return string.IsNullOrEmpty(text)
            ? []
            : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(v => int.Parse(v, NumberStyles.Integer, CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>A decimal or money column, or null.</summary>
    public decimal? GetDecimal(string name) => TryGetValue(name, out var e) ? e.ValueKind == JsonValueKind.Number ? e.GetDecimal() : throw WrongType(name, e, "Decimal") : null;

    /// <summary>A money column (a JSON number on the Web API), or null.</summary>
    public decimal? GetMoney(string name) => GetDecimal(name);

    /// <summary>A floating-point column, or null.</summary>
    public double? GetDouble(string name) => TryGetValue(name, out var e) ? e.ValueKind == JsonValueKind.Number ? e.GetDouble() : throw WrongType(name, e, "Double") : null;

    /// <summary>A date and time column as UTC (<see cref="DateTimeKind.Utc"/>), or null.</summary>
    public DateTime? GetDateTime(string name)
    {
        if (!TryGetValue(name, out var e))
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParse(e.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            throw WrongType(name, e, "DateTime");
        }

        return value.UtcDateTime;
    }

    /// <summary>A date-only column (<c>"yyyy-MM-dd"</c>), or null.</summary>
    public DateOnly? GetDateOnly(string name) => TryGetValue(name, out var e)
        ? e.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(e.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw WrongType(name, e, "DateOnly")
        : null;

    /// <summary>
    /// A lookup, read from <c>_x_value</c> and its annotations. <paramref name="name"/> may be the column's logical name
    /// (<c>parentcustomerid</c>) or the property name (<c>_parentcustomerid_value</c>).
    /// </summary>
    public DataverseLookup? GetLookup(string name)
    {
        var property = name.StartsWith('_') && name.EndsWith("_value", StringComparison.Ordinal) ? name : "_" + name + "_value";
        if (GetGuid(property) is not { } id)
        {
            return null;
        }

        return new DataverseLookup(
            id,
            GetString(property + "@" + ODataAnnotations.LookupLogicalName),
            GetString(property + "@" + ODataAnnotations.FormattedValue),
            GetString(property + "@" + ODataAnnotations.AssociatedNavigationProperty));
    }

    /// <summary>The formatted (display) value of a column, when annotations were asked for.</summary>
    public string? GetFormattedValue(string name) => GetString(name + "@" + ODataAnnotations.FormattedValue);

    /// <summary>An expanded single-valued navigation property as a row, or null.</summary>
    public DataverseRow? GetExpanded(string navigationProperty) =>
        TryGetValue(navigationProperty, out var e) ? e.ValueKind == JsonValueKind.Object ? new DataverseRow(e) : throw WrongType(navigationProperty, e, "object") : null;

    /// <summary>The row as compact JSON.</summary>
    public string ToJsonString() => _json is not null ? _json.ToJsonString(WireOptions) : _source.GetRawText();

    /// <summary>Writes the row as JSON.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (_json is not null)
        {
            _json.WriteTo(writer);
        }
        else
        {
            _source.WriteTo(writer);
        }
    }

    /// <summary>A copy of the row as a new mutable object (used to add <c>@odata.type</c> for bulk writes).</summary>
    public DataverseRow Clone()
    {
        var copy = new DataverseRow();
        copy._json = (JsonObject)(_json is not null ? _json.DeepClone() : JsonObject.Create(_source.Clone())!);
        return copy;
    }

    // Logs must not carry personal data, so a row prints its column names, never its values.
    /// <inheritdoc />
    public override string ToString() => "DataverseRow(" + string.Join(",", PropertyNames.Where(n => !n.Contains('@', StringComparison.Ordinal))) + ")";

    private bool TryGetValue(string name, out JsonElement element) =>
        TryGetElement(name, out element) && element.ValueKind != JsonValueKind.Null;

    private bool TryGetElement(string name, out JsonElement element)
    {
        if (_json is null)
        {
            return _source.TryGetProperty(name, out element);
        }

        if (!_json.TryGetPropertyValue(name, out var node))
        {
            element = default;
            return false;
        }

        element = node is null ? JsonDocument.Parse("null").RootElement : JsonSerializer.SerializeToElement(node, RowJsonContext.Default.JsonNode);
        return true;
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node,
        string s => s,
        bool b => b,
        int i => i,
        long l => l,
        decimal m => m,
        double d => d,
        Guid g => g.ToString("D"),
        DateTime d => ODataLiteral.Format(d),
        DateTimeOffset d => ODataLiteral.Format(d),
        DateOnly d => ODataLiteral.Format(d),
        Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture),
        IEnumerable<int> options => string.Join(",", options),
        _ => throw new NotSupportedException($"Column values of type {value.GetType().Name} are not supported."),
    };

    private static InvalidOperationException WrongType(string name, JsonElement e, string expected) =>
        new($"Column '{name}' holds a JSON {e.ValueKind}, not a {expected}.");
}
