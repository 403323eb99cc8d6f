using System.Globalization;
using System.Text.Json;
using EmailConnector.Emulator.Metadata;
using EmailConnector.Emulator.WebApi.Routing;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.WebApi.Json;

/// <summary>Turns a bind URL ("/accounts(…)", an absolute URL, or a change-set "$n") into a reference.</summary>
internal interface IReferenceResolver
{
    EntityReference Resolve(string url);
}

/// <summary>
/// Reads a JSON request body into an Entity of one table (dataverse.md §3.3 "Writing"): columns by logical name and
/// declared type, lookups only through <c>nav@odata.bind</c>, an <c>@odata.type</c> that must name the table.
/// Anything else is the 400 Dataverse gives.
/// </summary>
internal sealed class EntityReader(WebApiSchema schema, IReferenceResolver resolver)
{
    public static JsonElement ParseBody(byte[] body)
    {
        if (body.Length == 0)
            throw WebApiErrors.Malformed("The request body is empty; a JSON object was expected.");
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw WebApiErrors.Malformed($"The request body is not valid JSON: {exception.Message}");
        }
    }

    /// <param name="deepInsertParties">
    /// True for a create (<c>POST &lt;set&gt;</c> or a CreateMultiple target): the activity's <c>&lt;table&gt;_activity_parties</c> collection
    /// may carry its parties inline (dataverse.md §6.8, §6.9). Other deep inserts are not supported.
    /// </param>
    public Entity Read(JsonElement body, TableDefinition table, bool forUpdate, bool deepInsertParties = false)
    {
        if (body.ValueKind != JsonValueKind.Object)
            throw WebApiErrors.Malformed($"A JSON object was expected for an entity of type 'Microsoft.Dynamics.CRM.{table.LogicalName}', not {body.ValueKind}.");
        var entity = new Entity(table.LogicalName);
        foreach (var property in body.EnumerateObject())
        {
            var name = property.Name;
            if (name == "@odata.type")
            {
                CheckType(property.Value, table);
                continue;
            }
            if (name == "@odata.id")
            {
                var key = ParseRecordUrl(property.Value.GetString() ?? string.Empty, table);
                if (key.IsAlternateKey)
                    entity.KeyAttributes = key.Keys;
                else
                    entity.Id = key.Id;
                continue;
            }
            if (name.EndsWith("@odata.bind", StringComparison.Ordinal))
            {
                Bind(entity, table, name[..^"@odata.bind".Length], property.Value);
                continue;
            }
            if (name.StartsWith('@') || name.Contains('@', StringComparison.Ordinal))
                continue;
            var column = table.FindColumn(name);
            if (deepInsertParties && table.IsActivity && schema.FindCollection(table, name) is { RelatedTable: "activityparty", IsManyToMany: false })
            {
                ReadParties(entity, table, name, property.Value);
                continue;
            }
            if (column is null || column.Type.IsLookup() || column.Type == ColumnType.PartyList)
            {
                if (schema.FindSingle(table, name) is not null || schema.FindCollection(table, name) is not null)
                    throw WebApiErrors.NotImplemented($"deep insert or update through the navigation property '{name}'");
                throw WebApiErrors.Malformed(
                    $"The property '{name}' does not exist on type 'Microsoft.Dynamics.CRM.{table.LogicalName}'. Make sure to only use property names that are defined by the type.");
            }
            entity[column.LogicalName] = ReadValue(property.Value, column);
        }
        if (entity.Id == Guid.Empty && entity.Attributes.TryGetValue(table.PrimaryIdAttribute, out var id) && id is Guid given && !forUpdate)
            entity.Id = given;
        return entity;
    }

    /// <summary>Parses "contacts(…)" (relative, rooted or absolute) and checks it addresses the table.</summary>
    public EntityKey ParseRecordUrl(string url, TableDefinition? expected)
    {
        var path = RecordUrls.Relative(url);
        var segments = ODataPath.Parse(path);
        if (segments.Count != 1 || !segments[0].HasParentheses)
            throw WebApiErrors.Malformed($"The URL '{url}' does not address a single record.");
        var table = schema.Catalog.FindTableBySetName(segments[0].Name)
            ?? throw WebApiErrors.Malformed($"The URL '{url}' does not address an entity set: '{segments[0].Name}' is unknown.");
        if (expected is not null && table.LogicalName != expected.LogicalName)
            throw WebApiErrors.Malformed($"The URL '{url}' addresses a '{table.LogicalName}', not a '{expected.LogicalName}'.");
        return EntityKey.Parse(table, segments[0].Arguments!);
    }

    public static object? ReadValue(JsonElement value, ColumnDefinition column)
    {
        if (value.ValueKind == JsonValueKind.Null)
            return null;
        try
        {
            object? result = column.Type switch
            {
                ColumnType.String or ColumnType.Memo or ColumnType.EntityName when value.ValueKind == JsonValueKind.String => value.GetString(),
                ColumnType.Integer when value.ValueKind == JsonValueKind.Number => value.GetInt32(),
                ColumnType.BigInt when value.ValueKind == JsonValueKind.Number => value.GetInt64(),
                ColumnType.Decimal when value.ValueKind == JsonValueKind.Number => value.GetDecimal(),
                ColumnType.Double when value.ValueKind == JsonValueKind.Number => value.GetDouble(),
                ColumnType.Money when value.ValueKind == JsonValueKind.Number => new Money(value.GetDecimal()),
                ColumnType.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False => value.GetBoolean(),
                ColumnType.Picklist or ColumnType.State or ColumnType.Status when value.ValueKind == JsonValueKind.Number => new OptionSetValue(value.GetInt32()),
                ColumnType.MultiSelectPicklist when value.ValueKind == JsonValueKind.String => MultiSelect(value.GetString()!),
                ColumnType.Uniqueidentifier when value.ValueKind == JsonValueKind.String => Guid.Parse(value.GetString()!),
                ColumnType.DateTime when value.ValueKind == JsonValueKind.String => Date(value.GetString()!, column),
                _ => null,
            };
            if (result is not null)
                return result;
        }
        catch (Exception exception) when (exception is FormatException or OverflowException or InvalidOperationException)
        {
            // Falls through to Dataverse's conversion message.
        }
        throw WebApiErrors.Malformed($"Cannot convert the literal '{Text(value)}' to the expected type '{EdmTypes.Of(column)}'.");
    }

    private void Bind(Entity entity, TableDefinition table, string navigationName, JsonElement value)
    {
        var navigation = schema.FindSingle(table, navigationName);
        if (navigation is null)
        {
            if (schema.FindCollection(table, navigationName) is not null)
                throw WebApiErrors.NotImplemented($"binding the collection-valued navigation property '{navigationName}' in a create or update");
            throw WebApiErrors.Malformed(
                $"An undeclared property '{navigationName}' which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation properties and declared named streams can be represented as properties without values.");
        }
        if (value.ValueKind == JsonValueKind.Null)
        {
            entity[navigation.Column.LogicalName] = null;
            return;
        }
        if (value.ValueKind != JsonValueKind.String)
            throw WebApiErrors.Malformed($"The value of '{navigationName}@odata.bind' must be a URL string.");
        var reference = resolver.Resolve(value.GetString()!);
        var allowed = navigation.Target is null ? navigation.Column.Targets : [navigation.Target];
        if (!allowed.Contains(reference.LogicalName))
        {
            throw WebApiErrors.Malformed(
                $"The navigation property '{navigationName}' of 'Microsoft.Dynamics.CRM.{table.LogicalName}' binds to {string.Join(" or ", allowed)}, not to '{reference.LogicalName}'.");
        }
        entity[navigation.Column.LogicalName] = reference;
    }

    // The Web API has no party-list properties: parties travel as activityparty rows whose participationtypemask says
    // which party list (to, from, customer, ...) of the activity they fill. The organization service takes them as the
    // SDK does, an EntityCollection per party-list column.
    private void ReadParties(Entity entity, TableDefinition table, string navigationName, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
            throw WebApiErrors.Malformed($"The value of '{navigationName}' must be an array of activityparty objects.");
        var partyTable = schema.TableByLogicalName("activityparty");
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
                throw WebApiErrors.Malformed($"Every item of '{navigationName}' must be an activityparty object.");
            var party = new Entity("activityparty");
            int? mask = null;
            foreach (var property in item.EnumerateObject())
            {
                var name = property.Name;
                if (name == "@odata.type")
                {
                    CheckType(property.Value, partyTable);
                    continue;
                }
                if (name.EndsWith("@odata.bind", StringComparison.Ordinal) && name.StartsWith("partyid_", StringComparison.Ordinal))
                {
                    Bind(party, partyTable, name[..^"@odata.bind".Length], property.Value);
                    continue;
                }
                switch (name)
                {
                    case "participationtypemask":
                        mask = ((OptionSetValue)ReadValue(property.Value, partyTable.FindColumn(name)!)!).Value;
                        continue;
                    case "addressused":
                        party[name] = ReadValue(property.Value, partyTable.FindColumn(name)!);
                        continue;
                }
                if (partyTable.FindColumn(name) is not null || schema.FindSingle(partyTable, name.Split('@')[0]) is not null)
                    throw WebApiErrors.NotImplemented($"the activityparty property '{name}' in a deep insert (only partyid_<table>@odata.bind, addressused and participationtypemask)");
                throw WebApiErrors.Malformed(
                    $"The property '{name}' does not exist on type 'Microsoft.Dynamics.CRM.activityparty'. Make sure to only use property names that are defined by the type.");
            }
            if (mask is null)
                throw WebApiErrors.Malformed($"Every item of '{navigationName}' needs 'participationtypemask'.");
            var column = table.Columns.FirstOrDefault(c => c.Type == ColumnType.PartyList && c.ParticipationTypeMask == mask)
                ?? throw WebApiErrors.Malformed($"The participationtypemask {mask} is not valid for an activity party of 'Microsoft.Dynamics.CRM.{table.LogicalName}'.");
            if (entity.GetAttributeValue<EntityCollection>(column.LogicalName) is not { } parties)
                entity[column.LogicalName] = parties = new EntityCollection { EntityName = "activityparty" };
            parties.Entities.Add(party);
        }
    }

    private static void CheckType(JsonElement value, TableDefinition table)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var expected = "Microsoft.Dynamics.CRM." + table.LogicalName;
        if (text != expected && text != "#" + expected)
            throw WebApiErrors.Malformed($"The @odata.type '{text}' does not match the entity type '{expected}'.");
    }

    private static OptionSetValueCollection MultiSelect(string text) =>
        new(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => new OptionSetValue(int.Parse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)))
            .ToList());

    private static DateTime Date(string text, ColumnDefinition column)
    {
        if (column.DateTimeBehavior == DateTimeBehavior.DateOnly
            && DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return DateTime.SpecifyKind(day, DateTimeKind.Utc);
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
            throw new FormatException();
        return moment.UtcDateTime;
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}

/// <summary>Normalises record URLs written in bodies: absolute, rooted at the server, or relative to the service root.</summary>
internal static class RecordUrls
{
    public const string ServicePath = "/api/data/v9.2/";

    public static string Relative(string url)
    {
        var text = url.Trim();
        if (Uri.TryCreate(text, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            text = Uri.UnescapeDataString(absolute.AbsolutePath);
        var index = text.IndexOf(ServicePath, StringComparison.Ordinal);
        if (index >= 0)
            text = text[(index + ServicePath.Length)..];
        return text.TrimStart('/');
    }
}
