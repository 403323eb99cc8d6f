using System.Globalization;
using System.Text.Json;
using EmailConnector.Emulator.Metadata;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.WebApi.Json;

/// <summary>How Dataverse writes column values (dataverse.md §3.3) and their formatted values (en-US, UTC).</summary>
internal static class ValueFormats
{
    private static readonly CultureInfo EnUs = CultureInfo.GetCultureInfo("en-US");

    public static string Guid(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    public static string DateTime(DateTime value, bool dateOnly) =>
        dateOnly
            ? value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : ToUtc(value).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Writes one SDK value as its JSON value (lookups as their id).</summary>
    public static void Write(Utf8JsonWriter writer, object? value, ColumnDefinition? column)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case Money money:
                writer.WriteNumberValue(money.Value);
                break;
            case OptionSetValue option:
                writer.WriteNumberValue(option.Value);
                break;
            case OptionSetValueCollection options:
                writer.WriteStringValue(string.Join(",", options.Select(o => o.Value.ToString(CultureInfo.InvariantCulture))));
                break;
            case EntityReference reference:
                writer.WriteStringValue(Guid(reference.Id));
                break;
            case Guid id:
                writer.WriteStringValue(Guid(id));
                break;
            case DateTime date:
                writer.WriteStringValue(DateTime(date, column?.DateTimeBehavior == DateTimeBehavior.DateOnly));
                break;
            case string[] strings:
                writer.WriteStartArray();
                foreach (var s in strings)
                    writer.WriteStringValue(s);
                writer.WriteEndArray();
                break;
            default:
                throw new NotSupportedException($"The Web API front cannot write a value of type {value.GetType().Name}.");
        }
    }

    /// <summary>The OData.Community.Display.V1.FormattedValue of a value, or null when Dataverse gives none.</summary>
    public static string? Formatted(object? value, ColumnDefinition? column) => value switch
    {
        null => null,
        OptionSetValue option => column?.Options is { } options && options.TryGetValue(option.Value, out var label) ? label : null,
        OptionSetValueCollection many when column?.Options is { } options =>
            string.Join("; ", many.Select(o => options.TryGetValue(o.Value, out var l) ? l : o.Value.ToString(CultureInfo.InvariantCulture))),
        bool flag => flag ? "Yes" : "No",
        EntityReference reference => reference.Name,
        Money money => money.Value.ToString("C2", EnUs),
        DateTime date => column?.DateTimeBehavior == DateTimeBehavior.DateOnly
            ? date.ToString("M/d/yyyy", EnUs)
            : ToUtc(date).ToString("M/d/yyyy h:mm tt", EnUs),
        int number when column?.Type == ColumnType.Integer => number.ToString("N0", EnUs),
        decimal number => number.ToString("N2", EnUs),
        double number => number.ToString("N2", EnUs),
        _ => null,
    };

    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => System.DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
