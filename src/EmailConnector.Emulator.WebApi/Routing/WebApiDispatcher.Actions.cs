using System.Globalization;
using System.Text.Json;
using EmailConnector.Emulator.CustomApis;
using EmailConnector.Emulator.Metadata;
using EmailConnector.Emulator.WebApi.Json;
using EmailConnector.Emulator.WebApi.OData;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.WebApi.Routing;

internal sealed partial class WebApiDispatcher
{
    private static readonly string[] MultipleActions = ["CreateMultiple", "UpdateMultiple", "UpsertMultiple"];

    // POST <set>/Microsoft.Dynamics.CRM.CreateMultiple|UpdateMultiple|UpsertMultiple (dataverse.md §3.9).
    private Operation CollectionAction(RequestScope scope, TableDefinition table, PathSegment segment)
    {
        var name = segment.Name[ActionPrefix.Length..];
        if (!MultipleActions.Contains(name))
            throw WebApiErrors.NoSegment(segment.Name);
        RequireMethod(scope.Request, "POST");
        var body = ActionBody(scope.Request);
        if (!body.TryGetProperty("Targets", out var targets) || targets.ValueKind != JsonValueKind.Array)
            throw WebApiErrors.Malformed($"{name} needs the parameter 'Targets' (an array of entities).");
        var collection = new EntityCollection { EntityName = table.LogicalName };
        foreach (var target in targets.EnumerateArray())
        {
            if (target.ValueKind != JsonValueKind.Object || !target.TryGetProperty("@odata.type", out _))
                throw WebApiErrors.Malformed($"Every item of {name}.Targets must be an object with @odata.type 'Microsoft.Dynamics.CRM.{table.LogicalName}'.");
            // A CreateMultiple target is created like a single POST, so an activity's parties may travel inline as
            // they do there (and in entity-typed action parameters such as SendEmailFromTemplate's Target).
            var entity = scope.Reader.Read(target, table, forUpdate: false, deepInsertParties: name == "CreateMultiple");
            if (name != "CreateMultiple" && entity.Id == Guid.Empty && entity.KeyAttributes.Count == 0)
                throw WebApiErrors.Malformed($"Every item of {name}.Targets needs its primary key '{table.PrimaryIdAttribute}' or an alternate key in @odata.id.");
            collection.Entities.Add(entity);
        }
        foreach (var property in body.EnumerateObject().Where(p => p.Name != "Targets" && !p.Name.StartsWith('@')))
            throw WebApiErrors.Malformed($"The parameter '{property.Name}' in the request payload is not a valid parameter for the operation '{name}'.");
        var operation = new Operation
        {
            Respond = responses =>
            {
                if (name != "CreateMultiple")
                    return ApiResponse.NoContent();
                var ids = (Guid[])responses[0].Results["Ids"];
                return ActionResponse(scope, name, json =>
                {
                    json.WriteStartArray("Ids");
                    foreach (var id in ids)
                        json.WriteStringValue(ValueFormats.Guid(id));
                    json.WriteEndArray();
                });
            },
        };
        operation.Requests.Add(new OrganizationRequest(name) { ["Targets"] = collection });
        return operation;
    }

    private Operation BoundAction(RequestScope scope, EntityKey key, PathSegment segment)
    {
        var name = segment.Name[ActionPrefix.Length..];
        var table = key.Table;
        if (table.LogicalName == "list" && name is "AddMemberList" or "RemoveMemberList")
        {
            RequireMethod(scope.Request, "POST");
            NoArguments(segment);
            var body = ActionBody(scope.Request);
            var parameters = ActionParameters(body, name, ("EntityId", CustomApiFieldType.Guid, false, null));
            var request = new OrganizationRequest(name) { ["ListId"] = scope.IdOf(key), ["EntityId"] = parameters["EntityId"] };
            var operation = new Operation
            {
                Respond = responses => name == "RemoveMemberList"
                    ? ApiResponse.NoContent()
                    : ActionResponse(scope, name, json => json.WriteString("Id", ValueFormats.Guid((Guid)responses[0].Results["Id"]))),
            };
            operation.Requests.Add(request);
            return operation;
        }
        var api = FindCustomApi(name);
        if (api is null || api.BindingType != CustomApiBindingType.Entity || api.BoundEntityLogicalName != table.LogicalName)
            throw WebApiErrors.NoSegment(segment.Name);
        return CustomApi(scope, api, segment, new EntityReference(table.LogicalName, scope.IdOf(key)));
    }

    private Operation Unbound(RequestScope scope, PathSegment segment)
    {
        var name = segment.Name.StartsWith(ActionPrefix, StringComparison.Ordinal) ? segment.Name[ActionPrefix.Length..] : segment.Name;
        switch (name)
        {
            case "WhoAmI":
            {
                RequireMethod(scope.Request, "GET");
                if (segment.Arguments is { Length: > 0 })
                    throw WebApiErrors.Malformed("WhoAmI takes no parameters.");
                var operation = new Operation
                {
                    IsRead = true,
                    Respond = responses => ActionResponse(scope, "WhoAmI", json =>
                    {
                        json.WriteString("BusinessUnitId", ValueFormats.Guid((Guid)responses[0].Results["BusinessUnitId"]));
                        json.WriteString("UserId", ValueFormats.Guid((Guid)responses[0].Results["UserId"]));
                        json.WriteString("OrganizationId", ValueFormats.Guid((Guid)responses[0].Results["OrganizationId"]));
                    }),
                };
                operation.Requests.Add(new OrganizationRequest("WhoAmI"));
                return operation;
            }
            case "AddListMembersList":
            {
                RequireMethod(scope.Request, "POST");
                NoArguments(segment);
                var body = ActionBody(scope.Request);
                var parameters = ActionParameters(body, name, ("List", CustomApiFieldType.EntityReference, false, "list"), ("Members", CustomApiFieldType.EntityCollection, false, null));
                var list = (EntityReference)parameters["List"]!;
                var members = ((EntityCollection)parameters["Members"]!).Entities.Select(e => e.Id).ToArray();
                var operation = new Operation { Respond = _ => ApiResponse.NoContent() };
                operation.Requests.Add(new OrganizationRequest(name) { ["ListId"] = list.Id, ["MemberIds"] = members });
                return operation;
            }
            case "AddItemCampaignActivity":
            {
                RequireMethod(scope.Request, "POST");
                NoArguments(segment);
                var body = ActionBody(scope.Request);
                var parameters = ActionParameters(body, name,
                    ("CampaignActivity", CustomApiFieldType.EntityReference, false, "campaignactivity"), ("Item", CustomApiFieldType.EntityReference, false, null));
                var activity = (EntityReference)parameters["CampaignActivity"]!;
                var item = (EntityReference)parameters["Item"]!;
                var operation = new Operation
                {
                    Respond = responses => ActionResponse(scope, name,
                        json => json.WriteString("CampaignActivityItemId", ValueFormats.Guid((Guid)responses[0].Results["CampaignActivityItemId"]))),
                };
                operation.Requests.Add(new OrganizationRequest(name) { ["CampaignActivityId"] = activity.Id, ["ItemId"] = item.Id, ["EntityName"] = item.LogicalName });
                return operation;
            }
            default:
                var api = FindCustomApi(name);
                if (api is null || api.BindingType != CustomApiBindingType.Global)
                    throw WebApiErrors.NoSegment(segment.Name);
                return CustomApi(scope, api, segment, null);
        }
    }

    private Operation CustomApi(RequestScope scope, CustomApiDefinition api, PathSegment segment, EntityReference? target)
    {
        JsonElement body;
        if (api.IsFunction)
        {
            RequireMethod(scope.Request, "GET");
            body = FunctionArguments(segment, scope.Options);
        }
        else
        {
            RequireMethod(scope.Request, "POST");
            NoArguments(segment);
            body = scope.Request.Body.Length == 0 ? JsonDocument.Parse("{}").RootElement.Clone() : ActionBody(scope.Request);
        }
        var fields = api.RequestParameters.Select(p => (p.UniqueName, p.Type, p.IsOptional, p.LogicalEntityName)).ToArray();
        var parameters = ActionParameters(body, api.UniqueName, fields);
        var request = new OrganizationRequest(api.UniqueName);
        if (target is not null)
            request["Target"] = target;
        foreach (var (name, value) in parameters)
            request[name] = value;
        var operation = new Operation
        {
            IsRead = api.IsFunction,
            Respond = responses =>
            {
                if (api.ResponseProperties.Count == 0)
                    return ApiResponse.NoContent();
                return ActionResponse(scope, api.UniqueName, json =>
                {
                    foreach (var property in api.ResponseProperties)
                    {
                        responses[0].Results.TryGetValue(property.UniqueName, out var value);
                        json.WritePropertyName(property.UniqueName);
                        WriteParameterValue(json, value);
                    }
                });
            },
        };
        operation.Requests.Add(request);
        return operation;
    }

    private ApiResponse ActionResponse(RequestScope scope, string name, Action<Utf8JsonWriter> properties) =>
        ApiResponse.Json(200, JsonBody.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("@odata.context", $"{scope.Request.ServiceRoot}$metadata#Microsoft.Dynamics.CRM.{name}Response");
            properties(json);
            json.WriteEndObject();
        }));

    private void WriteParameterValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case EntityReference reference:
                json.WriteStartObject();
                json.WriteString("@odata.type", "#Microsoft.Dynamics.CRM." + reference.LogicalName);
                var table = _schema.Catalog.FindTable(reference.LogicalName);
                json.WriteString(table?.PrimaryIdAttribute ?? reference.LogicalName + "id", ValueFormats.Guid(reference.Id));
                json.WriteEndObject();
                break;
            case Entity entity:
                WriteEntityParameter(json, entity);
                break;
            case EntityCollection collection:
                json.WriteStartArray();
                foreach (var item in collection.Entities)
                    WriteEntityParameter(json, item);
                json.WriteEndArray();
                break;
            default:
                ValueFormats.Write(json, value, null);
                break;
        }
    }

    private void WriteEntityParameter(Utf8JsonWriter json, Entity entity)
    {
        var table = _schema.Catalog.FindTable(entity.LogicalName)
            ?? throw new NotSupportedException($"A custom API returned an entity of unknown type '{entity.LogicalName}'.");
        var body = JsonBody.Write(w => new EntityWriter(_schema, AnnotationFilter.None).WriteFetch(w, entity, table));
        using var document = JsonDocument.Parse(body);
        json.WriteStartObject();
        json.WriteString("@odata.type", "#Microsoft.Dynamics.CRM." + entity.LogicalName);
        foreach (var property in document.RootElement.EnumerateObject())
            property.WriteTo(json);
        json.WriteEndObject();
    }

    private static JsonElement ActionBody(ApiRequest request)
    {
        var body = EntityReader.ParseBody(request.Body);
        if (body.ValueKind != JsonValueKind.Object)
            throw WebApiErrors.Malformed("The body of an action must be a JSON object of its parameters.");
        return body;
    }

    private static void NoArguments(PathSegment segment)
    {
        if (segment.Arguments is { Length: > 0 })
            throw WebApiErrors.Malformed($"The action '{segment.Name}' takes its parameters in the body, not in the URL.");
    }

    // Function parameters: Fn(P1=@p1,P2='x')?@p1=5. Each value is an OData literal, or a parameter alias whose
    // query-string value is a literal or a JSON object/array; all become one JSON object read like an action body.
    private static JsonElement FunctionArguments(PathSegment segment, IReadOnlyDictionary<string, string> options)
    {
        var json = JsonBody.Write(writer =>
        {
            writer.WriteStartObject();
            if (segment.Arguments is { Length: > 0 } arguments)
            {
                var tokens = ODataLexer.Tokenize(arguments, "function parameters");
                var i = 0;
                while (tokens[i].Kind != TokenKind.End)
                {
                    if (tokens[i].Kind != TokenKind.Identifier || tokens[i + 1].Kind != TokenKind.Equals || tokens[i + 2].Kind == TokenKind.End)
                        throw WebApiErrors.Malformed($"The function parameters '({arguments})' are not valid; expected Name=value pairs.");
                    writer.WritePropertyName(tokens[i].Text);
                    var literal = tokens[i + 2];
                    if (literal.Kind == TokenKind.Identifier && literal.Text.StartsWith('@'))
                    {
                        if (!options.TryGetValue(literal.Text, out var aliased))
                            throw WebApiErrors.Malformed($"The parameter alias '{literal.Text}' has no value in the query string.");
                        WriteAliased(writer, aliased);
                    }
                    else
                    {
                        WriteLiteral(writer, literal);
                    }
                    i += 3;
                    if (tokens[i].Kind == TokenKind.Comma)
                        i++;
                    else if (tokens[i].Kind != TokenKind.End)
                        throw WebApiErrors.Malformed($"The function parameters '({arguments})' are not valid; expected ',' between parameters.");
                }
            }
            writer.WriteEndObject();
        });
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private static void WriteAliased(Utf8JsonWriter writer, string value)
    {
        var text = value.Trim();
        if (text.StartsWith('{') || text.StartsWith('['))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                document.RootElement.WriteTo(writer);
                return;
            }
            catch (JsonException exception)
            {
                throw WebApiErrors.Malformed($"The parameter alias value is not valid JSON: {exception.Message}");
            }
        }
        var tokens = ODataLexer.Tokenize(text, "a parameter alias");
        if (tokens.Count != 2)
            throw WebApiErrors.Malformed($"The parameter alias value '{value}' is not a single literal.");
        WriteLiteral(writer, tokens[0]);
    }

    private static void WriteLiteral(Utf8JsonWriter writer, Token literal)
    {
        switch (literal.Kind)
        {
            case TokenKind.String:
                writer.WriteStringValue((string)literal.Value!);
                break;
            case TokenKind.Integer:
                writer.WriteNumberValue((long)literal.Value!);
                break;
            case TokenKind.Decimal:
                writer.WriteNumberValue((decimal)literal.Value!);
                break;
            case TokenKind.Guid:
            case TokenKind.DateTime:
            case TokenKind.Date:
                writer.WriteStringValue(literal.Text);
                break;
            case TokenKind.Identifier when literal.Text is "true" or "false":
                writer.WriteBooleanValue(literal.Text == "true");
                break;
            case TokenKind.Identifier when literal.Text == "null":
                writer.WriteNullValue();
                break;
            default:
                throw WebApiErrors.Malformed($"{literal} is not a valid function parameter value.");
        }
    }

    /// <summary>Reads action parameters by their declared types; unknown names and missing required ones are 400s.</summary>
    private Dictionary<string, object?> ActionParameters(JsonElement body, string action, params (string Name, CustomApiFieldType Type, bool Optional, string? Table)[] fields)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            if (property.Name.StartsWith('@'))
                continue;
            var field = fields.FirstOrDefault(f => f.Name == property.Name);
            if (field.Name is null)
                throw WebApiErrors.Malformed($"The parameter '{property.Name}' in the request payload is not a valid parameter for the operation '{action}'.");
            result[field.Name] = ReadParameter(property.Value, field.Type, field.Table, $"{action}.{field.Name}");
        }
        foreach (var field in fields.Where(f => !f.Optional))
        {
            if (!result.TryGetValue(field.Name, out var value) || value is null)
                throw WebApiErrors.Malformed($"The parameter '{field.Name}' of the operation '{action}' is required.");
        }
        return result;
    }

    private object? ReadParameter(JsonElement value, CustomApiFieldType type, string? table, string where)
    {
        if (value.ValueKind == JsonValueKind.Null)
            return null;
        try
        {
            object? result = type switch
            {
                CustomApiFieldType.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False => value.GetBoolean(),
                CustomApiFieldType.DateTime when value.ValueKind == JsonValueKind.String =>
                    DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime,
                CustomApiFieldType.Decimal when value.ValueKind == JsonValueKind.Number => value.GetDecimal(),
                CustomApiFieldType.Float when value.ValueKind == JsonValueKind.Number => value.GetDouble(),
                CustomApiFieldType.Integer when value.ValueKind == JsonValueKind.Number => value.GetInt32(),
                CustomApiFieldType.Money when value.ValueKind == JsonValueKind.Number => new Money(value.GetDecimal()),
                CustomApiFieldType.Picklist when value.ValueKind == JsonValueKind.Number => new OptionSetValue(value.GetInt32()),
                CustomApiFieldType.String when value.ValueKind == JsonValueKind.String => value.GetString(),
                CustomApiFieldType.StringArray when value.ValueKind == JsonValueKind.Array => value.EnumerateArray().Select(StringItem).ToArray(),
                CustomApiFieldType.Guid when value.ValueKind == JsonValueKind.String => Guid.Parse(value.GetString()!),
                CustomApiFieldType.EntityReference when value.ValueKind == JsonValueKind.Object => ReadReference(value, table, where),
                CustomApiFieldType.Entity when value.ValueKind == JsonValueKind.Object => ReadEntity(value, table, where),
                CustomApiFieldType.EntityCollection when value.ValueKind == JsonValueKind.Array =>
                    new EntityCollection(value.EnumerateArray().Select(item => ReadEntity(item, table, where)).ToList()),
                _ => null,
            };
            if (result is not null)
                return result;
        }
        catch (Exception exception) when (exception is FormatException or OverflowException or InvalidOperationException)
        {
            // Falls through to the conversion message below.
        }
        throw WebApiErrors.Malformed($"The value of the parameter '{where}' is not a valid {type}.");
    }

    private static string StringItem(JsonElement item) =>
        item.ValueKind == JsonValueKind.String ? item.GetString()! : throw new FormatException();

    private TableDefinition TypeOf(JsonElement value, string? table, string where)
    {
        string? logicalName = table;
        if (value.TryGetProperty("@odata.type", out var type))
        {
            var text = type.ValueKind == JsonValueKind.String ? type.GetString()!.TrimStart('#') : string.Empty;
            if (!text.StartsWith(ActionPrefix, StringComparison.Ordinal))
                throw WebApiErrors.Malformed($"The @odata.type '{text}' of the parameter '{where}' is not a Microsoft.Dynamics.CRM entity type.");
            logicalName = text[ActionPrefix.Length..];
            if (table is not null && logicalName != table)
                throw WebApiErrors.Malformed($"The parameter '{where}' must be a '{table}', not a '{logicalName}'.");
        }
        if (logicalName is null)
            throw WebApiErrors.Malformed($"The parameter '{where}' needs @odata.type to name its entity type.");
        return _schema.TableByLogicalName(logicalName);
    }

    private EntityReference ReadReference(JsonElement value, string? table, string where)
    {
        var definition = TypeOf(value, table, where);
        if (value.TryGetProperty(definition.PrimaryIdAttribute, out var id) && id.ValueKind == JsonValueKind.String && Guid.TryParse(id.GetString(), out var guid))
            return new EntityReference(definition.LogicalName, guid);
        throw WebApiErrors.Malformed($"The parameter '{where}' needs its primary key '{definition.PrimaryIdAttribute}'.");
    }

    private Entity ReadEntity(JsonElement value, string? table, string where)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new FormatException();
        var definition = TypeOf(value, table, where);
        var entity = new EntityReader(_schema, new NoBinds()).Read(value, definition, forUpdate: false);
        if (entity.Id == Guid.Empty && entity.Attributes.TryGetValue(definition.PrimaryIdAttribute, out var id) && id is Guid guid)
            entity.Id = guid;
        return entity;
    }

    private sealed class NoBinds : IReferenceResolver
    {
        public EntityReference Resolve(string url) =>
            throw WebApiErrors.NotImplemented("@odata.bind inside action parameters");
    }
}
