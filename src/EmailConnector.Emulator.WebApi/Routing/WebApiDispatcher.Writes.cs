using System.Globalization;
using System.Text.Json;
using EmailConnector.Emulator.Metadata;
using EmailConnector.Emulator.WebApi.Json;
using EmailConnector.Emulator.WebApi.OData;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Emulator.WebApi.Routing;

internal sealed partial class WebApiDispatcher
{
    private Operation Create(RequestScope scope, TableDefinition table)
    {
        var body = EntityReader.ParseBody(scope.Request.Body);
        var entity = scope.Reader.Read(body, table, forUpdate: false, deepInsertParties: true);
        var representation = scope.Preferences.ReturnRepresentation;
        // An id chosen up front lets a change set's later parts and the representation read address the new row.
        if (entity.Id == Guid.Empty && (representation || scope.ChangeSet is not null))
            entity.Id = NewId();
        var parsed = representation ? QueryOptions.Parse(_schema, table, SelectOnly(scope.Options)) : null;
        var operation = new Operation
        {
            EntityUrl = entity.Id == Guid.Empty ? null : $"{table.EntitySetName}({ValueFormats.Guid(entity.Id)})",
            Respond = responses =>
            {
                var id = (Guid)responses[0].Results["id"];
                var url = scope.EntityUrl(table, id);
                if (parsed is null)
                    return ApiResponse.NoContent().With("OData-EntityId", url);
                return Representation(scope, table, (Entity)responses[1].Results["Entity"], parsed, 201).With("OData-EntityId", url);
            },
        };
        operation.Requests.Add(new OrganizationRequest("Create") { ["Target"] = entity });
        if (parsed is not null)
            operation.Requests.Add(RetrieveFor(EntityKey.ForId(table, entity.Id), parsed));
        return operation;
    }

    private Operation Patch(RequestScope scope, EntityKey key)
    {
        var table = key.Table;
        var body = EntityReader.ParseBody(scope.Request.Body);
        var entity = scope.Reader.Read(body, table, forUpdate: true);
        if (entity.Attributes.TryGetValue(table.PrimaryIdAttribute, out var given) && given is Guid bodyId && (key.IsAlternateKey || bodyId != key.Id))
            throw WebApiErrors.Malformed($"The {table.PrimaryIdAttribute} in the body does not match the record addressed by the URL.");
        entity.Attributes.Remove(table.PrimaryIdAttribute);
        if (key.IsAlternateKey)
            entity.KeyAttributes = key.Keys;
        else
            entity.Id = key.Id;
        var ifMatch = scope.Request.Header("If-Match");
        var ifNoneMatch = scope.Request.Header("If-None-Match");
        var representation = scope.Preferences.ReturnRepresentation;
        var parsed = representation ? QueryOptions.Parse(_schema, table, SelectOnly(scope.Options)) : null;
        OrganizationRequest request;
        string mode;
        if (ifMatch is not null && ifNoneMatch is not null && ifNoneMatch != "null")
            throw WebApiErrors.Malformed("If-Match and If-None-Match cannot be combined.");
        if (ifMatch == "*")
        {
            request = new OrganizationRequest("Update") { ["Target"] = entity };
            mode = "update";
        }
        else if (ifMatch is not null)
        {
            entity.RowVersion = ParseETag(ifMatch);
            request = new OrganizationRequest("Update") { ["Target"] = entity, ["ConcurrencyBehavior"] = ConcurrencyBehavior.IfRowVersionMatches };
            mode = "update";
        }
        else if (ifNoneMatch == "*")
        {
            var create = new Entity(table.LogicalName, entity.Id);
            foreach (var (name, value) in entity.Attributes)
                create[name] = value;
            foreach (var (name, value) in key.Keys)
                create[name] = value;
            if (!key.IsAlternateKey)
                create[table.PrimaryIdAttribute] = key.Id;
            request = new OrganizationRequest("Create") { ["Target"] = create };
            mode = "create";
        }
        else
        {
            request = new OrganizationRequest("Upsert") { ["Target"] = entity };
            mode = "upsert";
        }
        var operation = new Operation
        {
            EntityUrl = key.IsAlternateKey ? null : $"{table.EntitySetName}({ValueFormats.Guid(key.Id)})",
            Respond = responses =>
            {
                var created = mode == "create" || mode == "upsert" && responses[0].Results.TryGetValue("RecordCreated", out var flag) && flag is true;
                Guid? id = mode == "upsert" && responses[0].Results.TryGetValue("Target", out var target) && target is EntityReference reference ? reference.Id
                    : mode == "create" ? (Guid)responses[0].Results["id"]
                    : key.IsAlternateKey ? null : key.Id;
                var url = id is { } known ? scope.EntityUrl(table, known) : $"{scope.Request.ServiceRoot}{table.EntitySetName}({key.ToUrlKey()})";
                if (parsed is null)
                    return ApiResponse.NoContent().With("OData-EntityId", url);
                return Representation(scope, table, (Entity)responses[1].Results["Entity"], parsed, created ? 201 : 200).With("OData-EntityId", url);
            },
        };
        operation.Requests.Add(request);
        if (parsed is not null)
            operation.Requests.Add(RetrieveFor(key, parsed));
        return operation;
    }

    private Operation Delete(RequestScope scope, EntityKey key)
    {
        var reference = key.ToReference();
        var request = new OrganizationRequest("Delete") { ["Target"] = reference };
        if (scope.Request.Header("If-Match") is { } ifMatch && ifMatch != "*")
        {
            reference.RowVersion = ParseETag(ifMatch);
            request["ConcurrencyBehavior"] = ConcurrencyBehavior.IfRowVersionMatches;
        }
        var operation = new Operation { Respond = _ => ApiResponse.NoContent() };
        operation.Requests.Add(request);
        return operation;
    }

    private Operation SingleProperty(RequestScope scope, EntityKey key, string property)
    {
        var table = key.Table;
        var column = QueryOptions.ResolveProperty(table, property);
        var request = scope.Request;
        switch (request.Method)
        {
            case "GET":
            {
                var operation = new Operation
                {
                    IsRead = true,
                    Respond = responses =>
                    {
                        var entity = (Entity)responses[0].Results["Entity"];
                        if (!entity.Attributes.TryGetValue(column.LogicalName, out var value) || value is null)
                            return ApiResponse.NoContent();
                        var body = JsonBody.Write(json =>
                        {
                            json.WriteStartObject();
                            json.WriteString("@odata.context", $"{request.ServiceRoot}$metadata#{table.EntitySetName}({key.ToUrlKey()})/{property}");
                            json.WritePropertyName("value");
                            ValueFormats.Write(json, value, column);
                            json.WriteEndObject();
                        });
                        return ApiResponse.Json(200, body);
                    },
                };
                operation.Requests.Add(new OrganizationRequest("Retrieve") { ["Target"] = key.ToReference(), ["ColumnSet"] = new ColumnSet(column.LogicalName) });
                return operation;
            }
            case "PUT":
            case "DELETE":
            {
                if (column.Type.IsLookup())
                    throw WebApiErrors.Malformed($"The lookup property '{property}' cannot be written; use the navigation property with @odata.bind or $ref.");
                object? value = null;
                if (request.Method == "PUT")
                {
                    var body = EntityReader.ParseBody(request.Body);
                    if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("value", out var element))
                        throw WebApiErrors.Malformed("A single-property PUT needs a body of the form {\"value\": …}.");
                    value = EntityReader.ReadValue(element, column);
                }
                return UpdateColumn(key, column.LogicalName, value);
            }
            default:
                throw MethodNotAllowed(request);
        }
    }

    private Operation Reference(RequestScope scope, EntityKey key, PathSegment navigationSegment)
    {
        var table = key.Table;
        var request = scope.Request;
        if (_schema.FindSingle(table, navigationSegment.Name) is { } single && !navigationSegment.HasParentheses)
        {
            switch (request.Method)
            {
                case "PUT":
                    var target = scope.Resolve(ReferenceBody(request));
                    var allowed = single.Target is null ? single.Column.Targets : [single.Target];
                    if (!allowed.Contains(target.LogicalName))
                        throw new WebApiException(400, WebApiErrors.BadRequest, $"The navigation property '{single.Name}' cannot refer to a '{target.LogicalName}'.");
                    return UpdateColumn(key, single.Column.LogicalName, target);
                case "DELETE":
                    return UpdateColumn(key, single.Column.LogicalName, null);
                default:
                    throw MethodNotAllowed(request);
            }
        }
        var collection = _schema.FindCollection(table, navigationSegment.Name)
            ?? throw new WebApiException(400, WebApiErrors.BadRequest, $"'{navigationSegment.Name}' is not a navigation property of '{table.LogicalName}'.");
        var self = new EntityReference(table.LogicalName, scope.IdOf(key));
        EntityReference related;
        string message;
        switch (request.Method)
        {
            case "POST":
                related = scope.Resolve(ReferenceBody(request));
                message = "Associate";
                break;
            case "DELETE":
                if (navigationSegment.HasParentheses)
                {
                    related = new EntityReference(collection.RelatedTable, scope.IdOf(EntityKey.Parse(_schema.TableByLogicalName(collection.RelatedTable), navigationSegment.Arguments!)));
                }
                else if (scope.Options.TryGetValue("$id", out var idUrl))
                {
                    related = scope.Resolve(idUrl);
                }
                else
                {
                    throw WebApiErrors.Malformed($"Removing a reference of the collection '{collection.Name}' needs the related key: {collection.Name}(<id>)/$ref or $ref?$id=<url>.");
                }
                message = "Disassociate";
                break;
            default:
                throw MethodNotAllowed(request);
        }
        if (related.LogicalName != collection.RelatedTable)
            throw new WebApiException(400, WebApiErrors.BadRequest, $"The navigation property '{collection.Name}' relates '{collection.RelatedTable}' records, not '{related.LogicalName}'.");
        var operation = new Operation { Respond = _ => ApiResponse.NoContent() };
        operation.Requests.Add(new OrganizationRequest(message)
        {
            ["Target"] = self,
            ["Relationship"] = new Relationship(collection.RelationshipSchemaName),
            ["RelatedEntities"] = new EntityReferenceCollection { related },
        });
        return operation;
    }

    private static string ReferenceBody(ApiRequest request)
    {
        var body = EntityReader.ParseBody(request.Body);
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("@odata.id", out var id) || id.ValueKind != JsonValueKind.String)
            throw new WebApiException(400, WebApiErrors.BadRequest, "A $ref request needs a body of the form {\"@odata.id\": \"<record URL>\"}.");
        return id.GetString()!;
    }

    private static Operation UpdateColumn(EntityKey key, string column, object? value)
    {
        var entity = key.IsAlternateKey ? new Entity(key.Table.LogicalName, key.Keys) : new Entity(key.Table.LogicalName, key.Id);
        entity[column] = value;
        var operation = new Operation { Respond = _ => ApiResponse.NoContent() };
        operation.Requests.Add(new OrganizationRequest("Update") { ["Target"] = entity });
        return operation;
    }

    private static OrganizationRequest RetrieveFor(EntityKey key, ParsedQuery parsed) => new("Retrieve")
    {
        ["Target"] = key.ToReference(),
        ["ColumnSet"] = parsed.Node.Columns.All ? new ColumnSet(true) : new ColumnSet([.. parsed.Node.Columns.Columns]),
    };

    private static ApiResponse Representation(RequestScope scope, TableDefinition table, Entity entity, ParsedQuery parsed, int status)
    {
        var context = $"{scope.Request.ServiceRoot}$metadata#{table.EntitySetName}{parsed.ContextSelection}/$entity";
        var response = ApiResponse.Json(status, EntityBody(scope, context, entity, parsed.Projection));
        if (ETag(entity) is { } etag)
            response.With("ETag", etag);
        return Applied(response, scope.Preferences, pageSize: false);
    }

    private static Dictionary<string, string> SelectOnly(IReadOnlyDictionary<string, string> options)
    {
        foreach (var name in options.Keys.Where(n => n.StartsWith('$') && n != "$select"))
            throw WebApiErrors.Malformed($"The query option '{name}' is not allowed on this request.");
        return options.Where(o => o.Key == "$select").ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
    }

    internal static string ParseETag(string header)
    {
        var text = header.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
            text = text[2..];
        if (text.Length < 3 || text[0] != '"' || text[^1] != '"' || !long.TryParse(text[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw WebApiErrors.Malformed($"The ETag '{header}' is not valid; expected W/\"<version>\".");
        return text[1..^1];
    }
}
