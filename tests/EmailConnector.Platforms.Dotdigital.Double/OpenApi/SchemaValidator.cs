using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EmailConnector.Platforms.Dotdigital.Double.OpenApi;

/// <summary>
/// Validates JSON values against OpenAPI 3.0 schema objects: the subset of keywords the vendor's files use (type,
/// format, properties, required, additionalProperties, items, enum, $ref, allOf, oneOf, anyOf, nullable, min/max
/// length, items, properties and value, pattern). Any other keyword throws <see cref="NotSupportedException"/>, so a
/// schema the validator does not understand is never passed silently.
/// </summary>
/// <remarks>
/// One deliberate reading: the NSwag-generated v2 file puts <c>additionalProperties: false</c> on every member of an
/// <c>allOf</c> (<c>ApiCampaignWithType</c>); as in most OpenAPI tools, properties declared anywhere in the
/// <c>allOf</c> count as declared for each member, otherwise no value could ever match.
/// </remarks>
public sealed class SchemaValidator(JsonNode document)
{
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "description", "example", "examples", "default", "title", "readOnly", "writeOnly", "deprecated", "externalDocs", "xml",
    };

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "type", "format", "properties", "required", "additionalProperties", "items", "enum", "$ref", "allOf", "oneOf", "anyOf",
        "nullable", "minLength", "maxLength", "minimum", "maximum", "pattern", "minItems", "maxItems", "minProperties", "maxProperties",
    };

    private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    /// <summary>The problems of <paramref name="value"/> against <paramref name="schema"/>; empty when it matches.</summary>
    public List<string> Validate(JsonNode? schema, JsonNode? value, string path = "$")
    {
        var problems = new List<string>();
        Check(schema, value, path, problems, null);
        return problems;
    }

    /// <summary>Resolves a local <c>$ref</c> (<c>#/components/schemas/X</c>).</summary>
    public JsonNode Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
            throw new NotSupportedException($"Only local $ref values are supported, not '{reference}'.");
        JsonNode? node = document;
        foreach (var part in reference[2..].Split('/'))
            node = node?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        return node ?? throw new InvalidOperationException($"$ref '{reference}' points nowhere.");
    }

    private void Check(JsonNode? schema, JsonNode? value, string path, List<string> problems, HashSet<string>? declaredElsewhere)
    {
        if (schema is null)
            return;
        if (schema is not JsonObject s)
            throw new NotSupportedException($"A schema at {path} is not an object.");
        foreach (var (key, _) in s)
        {
            if (!Keywords.Contains(key) && !Annotations.Contains(key) && !key.StartsWith("x-", StringComparison.Ordinal))
                throw new NotSupportedException($"Schema keyword '{key}' (at {path}) is not supported by the double's validator.");
        }

        if (s["$ref"] is JsonValue reference)
        {
            Check(Resolve(reference.GetValue<string>()), value, path, problems, declaredElsewhere);
            return;
        }

        var nullable = s["nullable"]?.GetValue<bool>() == true;
        if (value is null)
        {
            // OpenAPI 3.0: null is valid only where nullable says so (a schema without type constrains nothing).
            if (!nullable && (s["type"] is not null || s["enum"] is not null))
                problems.Add($"{path}: null is not allowed");
            return;
        }

        if (s["allOf"] is JsonArray allOf)
        {
            var union = new HashSet<string>(declaredElsewhere ?? [], StringComparer.Ordinal);
            foreach (var member in allOf)
                CollectProperties(member, union);
            foreach (var member in allOf)
                Check(member, value, path, problems, union);
        }
        if (s["oneOf"] is JsonArray oneOf)
        {
            var matching = oneOf.Count(member => Validate(member, value, path).Count == 0);
            if (matching != 1)
                problems.Add($"{path}: matches {matching} of the oneOf schemas, not exactly one");
        }
        if (s["anyOf"] is JsonArray anyOf && !anyOf.Any(member => Validate(member, value, path).Count == 0))
            problems.Add($"{path}: matches none of the anyOf schemas");

        if (s["enum"] is JsonArray values && !values.Any(v => JsonNode.DeepEquals(v, value)))
            problems.Add($"{path}: {Short(value)} is not one of {values.ToJsonString()}");

        var type = s["type"]?.GetValue<string>();
        var kind = value.GetValueKind();
        switch (type)
        {
            case null:
                break;
            case "object" when kind == JsonValueKind.Object:
                CheckObject(s, value.AsObject(), path, problems, declaredElsewhere);
                break;
            case "array" when kind == JsonValueKind.Array:
                CheckArray(s, value.AsArray(), path, problems);
                break;
            case "string" when kind == JsonValueKind.String:
                CheckString(s, value.GetValue<string>(), path, problems);
                break;
            case "integer" when kind == JsonValueKind.Number && IsInteger(value):
            case "number" when kind == JsonValueKind.Number:
                CheckNumber(s, Number(value), path, problems);
                break;
            case "boolean" when kind is JsonValueKind.True or JsonValueKind.False:
                break;
            case "object" or "array" or "string" or "integer" or "number" or "boolean":
                problems.Add($"{path}: expected {type}, got {kind}");
                break;
            default:
                throw new NotSupportedException($"Schema type '{type}' (at {path}) is not supported.");
        }

        // Object keywords without "type" still apply to objects.
        if (type is null && kind == JsonValueKind.Object && (s["properties"] is not null || s["required"] is not null || s["additionalProperties"] is not null))
            CheckObject(s, value.AsObject(), path, problems, declaredElsewhere);
    }

    private void CheckObject(JsonObject s, JsonObject value, string path, List<string> problems, HashSet<string>? declaredElsewhere)
    {
        var properties = s["properties"] as JsonObject;
        foreach (var required in s["required"]?.AsArray() ?? [])
        {
            var name = required!.GetValue<string>();
            if (!value.ContainsKey(name))
                problems.Add($"{path}: required property '{name}' missing");
        }
        if (s["minProperties"] is { } minProperties && value.Count < minProperties.GetValue<int>())
            problems.Add($"{path}: fewer than {minProperties} properties");
        if (s["maxProperties"] is { } maxProperties && value.Count > maxProperties.GetValue<int>())
            problems.Add($"{path}: more than {maxProperties} properties");
        foreach (var (name, child) in value)
        {
            var childPath = $"{path}.{name}";
            if (properties?[name] is { } propertySchema)
            {
                Check(propertySchema, child, childPath, problems, null);
                continue;
            }
            switch (s["additionalProperties"])
            {
                case JsonValue flag when flag.GetValueKind() == JsonValueKind.False:
                    if (declaredElsewhere?.Contains(name) != true)
                        problems.Add($"{path}: property '{name}' is not allowed");
                    break;
                case JsonObject additional:
                    Check(additional, child, childPath, problems, null);
                    break;
            }
        }
    }

    private void CheckArray(JsonObject s, JsonArray value, string path, List<string> problems)
    {
        if (s["minItems"] is { } minItems && value.Count < minItems.GetValue<int>())
            problems.Add($"{path}: fewer than {minItems} items");
        if (s["maxItems"] is { } maxItems && value.Count > maxItems.GetValue<int>())
            problems.Add($"{path}: more than {maxItems} items");
        for (var i = 0; i < value.Count; i++)
            Check(s["items"], value[i], $"{path}[{i}]", problems, null);
    }

    private void CheckString(JsonObject s, string value, string path, List<string> problems)
    {
        if (s["minLength"] is { } minLength && value.Length < minLength.GetValue<int>())
            problems.Add($"{path}: shorter than {minLength}");
        if (s["maxLength"] is { } maxLength && value.Length > maxLength.GetValue<int>())
            problems.Add($"{path}: longer than {maxLength}");
        if (s["pattern"]?.GetValue<string>() is { } pattern && !PatternOf(pattern).IsMatch(value))
            problems.Add($"{path}: {Short(value)} does not match /{pattern}/");
        if (s["format"]?.GetValue<string>() is { } format && !FormatHolds(format, value))
            problems.Add($"{path}: {Short(value)} is not a valid {format}");
    }

    private static void CheckNumber(JsonObject s, decimal value, string path, List<string> problems)
    {
        if (s["minimum"] is { } minimum && value < minimum.GetValue<decimal>())
            problems.Add($"{path}: {value} is below {minimum}");
        if (s["maximum"] is { } maximum && value > maximum.GetValue<decimal>())
            problems.Add($"{path}: {value} is above {maximum}");
        switch (s["format"]?.GetValue<string>())
        {
            case null or "double" or "decimal" or "float":
                break;
            case "int32" when value is < int.MinValue or > int.MaxValue:
                problems.Add($"{path}: {value} does not fit int32");
                break;
            case "int64" when value is < long.MinValue or > long.MaxValue:
                problems.Add($"{path}: {value} does not fit int64");
                break;
            case "int32" or "int64":
                break;
            case var other:
                throw new NotSupportedException($"Number format '{other}' (at {path}) is not supported.");
        }
    }

    /// <summary>Checks a string against a format; also used for path and query parameters.</summary>
    public static bool FormatHolds(string format, string value) => format switch
    {
        "date-time" => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _) && value.Contains('T', StringComparison.Ordinal),
        "date" => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "guid" or "uuid" => Guid.TryParse(value, out _),
        "int32" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        "int64" => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        "double" or "decimal" or "float" => decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        "uri" => Uri.TryCreate(value, UriKind.Absolute, out _),
        "ipv4" => IPAddress.TryParse(value, out var v4) && v4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork,
        "ipv6" => IPAddress.TryParse(value, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6,
        "byte" => IsBase64(value),
        "binary" => true,
        _ => throw new NotSupportedException($"String format '{format}' is not supported by the double's validator."),
    };

    private Regex PatternOf(string pattern)
    {
        lock (_patterns)
        {
            if (!_patterns.TryGetValue(pattern, out var regex))
            {
                // Some vendor patterns are written in /…/ delimiters (JavaScript style); the delimiters are not part of it.
                var body = pattern.Length > 2 && pattern[0] == '/' && pattern[^1] == '/' ? pattern[1..^1] : pattern;
                _patterns[pattern] = regex = new Regex(body, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            return regex;
        }
    }

    private void CollectProperties(JsonNode? schema, HashSet<string> into)
    {
        if (schema is not JsonObject s)
            return;
        if (s["$ref"] is JsonValue reference)
        {
            CollectProperties(Resolve(reference.GetValue<string>()), into);
            return;
        }
        foreach (var (name, _) in s["properties"] as JsonObject ?? [])
            into.Add(name);
        foreach (var member in s["allOf"] as JsonArray ?? [])
            CollectProperties(member, into);
    }

    private static bool IsInteger(JsonNode value) => Number(value) == decimal.Truncate(Number(value));

    private static decimal Number(JsonNode value) => decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _);
    }

    // Values are shown cut short: they can be addresses, and the point is the shape.
    private static string Short(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        return text.Length > 40 ? text[..40] + "…" : text;
    }

    private static string Short(string value) => Short(JsonValue.Create(value));
}
