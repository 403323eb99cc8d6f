using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmailConnector.Platforms.Dotdigital.Api;

internal static class DotdigitalJson
{
    /// <summary>camelCase as in the vendor's files; nulls left out of objects (dictionary entries keep them: null clears a field).</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A JSON value as text: strings unquoted, everything else as written.</summary>
    public static string? Text(JsonElement? value) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { } v => v.GetRawText(),
    };

    /// <summary>The v2 path form of a date: UTC, milliseconds.</summary>
    public static string PathDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
