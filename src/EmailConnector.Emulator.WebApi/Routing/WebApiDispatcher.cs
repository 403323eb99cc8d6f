using System.ServiceModel;
using EmailConnector.Emulator.CustomApis;
using EmailConnector.Emulator.WebApi.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.WebApi.Routing;

/// <summary>The "$n" references of one change set: Content-ID → the record URL its part addressed or created.</summary>
internal sealed class ChangeSetContext
{
    public Dictionary<string, string> ContentIds { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Routes a Web API request (dataverse.md §3) to the organization requests that carry it out and answers as Dataverse
/// does. A thin translator: every read and write is an OrganizationRequest through the emulator's pipeline.
/// </summary>
internal sealed partial class WebApiDispatcher
{
    public const string ActionPrefix = "Microsoft.Dynamics.CRM.";

    private readonly EmulatedOrganization _organization;
    private readonly WebApiSchema _schema;
    private readonly Func<Guid> _newId;

    public WebApiDispatcher(EmulatedOrganization organization, WebApiSchema schema, Func<Guid> newId)
    {
        _organization = organization;
        _schema = schema;
        _newId = newId;
    }

    public WebApiSchema Schema => _schema;

    /// <summary>Answers one request outside a change set; never throws.</summary>
    public ApiResponse Handle(ApiRequest request)
    {
        try
        {
            return Run(Translate(request, null), request.UserId);
        }
        catch (Exception exception)
        {
            return ErrorResponse(exception);
        }
    }

    public ApiResponse Run(Operation operation, Guid userId)
    {
        var responses = new List<OrganizationResponse>(operation.Requests.Count);
        foreach (var request in operation.Requests)
            responses.Add(_organization.Execute(request, userId));
        return operation.Respond(responses);
    }

    public OrganizationResponse Execute(OrganizationRequest request, Guid userId) => _organization.Execute(request, userId);

    public static ApiResponse ErrorResponse(Exception exception) => exception switch
    {
        WebApiException error => ApiResponse.Error(error),
        FaultException<OrganizationServiceFault> fault => ApiResponse.Error(WebApiErrors.FromFault(fault)),
        NotSupportedException unsupported => ApiResponse.Error(new WebApiException(501, WebApiErrors.NotImplementedCode, unsupported.Message)),
        _ => ApiResponse.Error(new WebApiException(500, WebApiErrors.Unexpected, "An unexpected error occurred: " + exception.Message)),
    };

    public Operation Translate(ApiRequest request, ChangeSetContext? changeSet)
    {
        var operation = TranslateRoute(request, changeSet);
        // A write's ?tag= reaches plugins as SharedVariables["tag"] (dataverse.md §1.2).
        if (request.Method != "GET" && request.RawQuery.Contains("tag=", StringComparison.Ordinal) && ParseQuery(request.RawQuery).TryGetValue("tag", out var tag))
        {
            foreach (var organizationRequest in operation.Requests)
                organizationRequest["tag"] = tag;
        }

        return operation;
    }

    private Operation TranslateRoute(ApiRequest request, ChangeSetContext? changeSet)
    {
        var options = ParseQuery(request.RawQuery);
        var segments = ODataPath.Parse(request.Path);
        var context = new RequestScope(request, options, changeSet, this);
        if (segments.Count == 0)
        {
            RequireMethod(request, "GET");
            return ServiceDocument(request);
        }
        var first = segments[0];
        if (first.Name == "$metadata")
            throw WebApiErrors.NotImplemented("$metadata (the CSDL document)");
        if (first.Name == "$batch")
            throw WebApiErrors.Malformed("A $batch request cannot be nested in a batch.");
        if (_schema.Catalog.FindTableBySetName(first.Name) is { } table)
            return EntitySet(context, table, segments);
        if (segments.Count == 1)
            return Unbound(context, first);
        throw WebApiErrors.NoSegment(first.Name);
    }

    private Operation EntitySet(RequestScope scope, Metadata.TableDefinition table, IReadOnlyList<PathSegment> segments)
    {
        var request = scope.Request;
        var first = segments[0];
        if (segments.Count == 1 && !first.HasParentheses)
        {
            return request.Method switch
            {
                "GET" => scope.Options.ContainsKey("fetchXml") ? FetchXmlQuery(scope, table) : Query(scope, table),
                "POST" => Create(scope, table),
                _ => throw MethodNotAllowed(request),
            };
        }
        if (!first.HasParentheses)
        {
            var second = segments[1];
            if (segments.Count == 2 && second.Name == "$count" && !second.HasParentheses)
            {
                RequireMethod(request, "GET");
                return Count(scope, table);
            }
            if (segments.Count == 2 && second.Name.StartsWith(ActionPrefix, StringComparison.Ordinal))
                return CollectionAction(scope, table, second);
            throw WebApiErrors.NoSegment(second.Name);
        }
        if (first.Arguments!.Length == 0)
            throw WebApiErrors.Malformed($"The segment '{first}' has empty parentheses; a key was expected.");
        var key = EntityKey.Parse(table, first.Arguments);
        if (segments.Count == 1)
        {
            return request.Method switch
            {
                "GET" => Retrieve(scope, key),
                "PATCH" => Patch(scope, key),
                "DELETE" => Delete(scope, key),
                _ => throw MethodNotAllowed(request),
            };
        }
        var next = segments[1];
        if (next.Name.StartsWith(ActionPrefix, StringComparison.Ordinal) && segments.Count == 2)
            return BoundAction(scope, key, next);
        if (segments.Count == 2 && !next.HasParentheses && table.FindColumn(next.Name) is not null || next.Name.StartsWith('_') && segments.Count == 2)
            return SingleProperty(scope, key, next.Name);
        if (segments.Count == 3 && segments[2].Name == "$ref" && !segments[2].HasParentheses)
            return Reference(scope, key, next);
        if (segments.Count == 2 && (_schema.FindSingle(table, next.Name) is not null || _schema.FindCollection(table, next.Name) is not null))
            throw WebApiErrors.NotImplemented($"reading the navigation property '{next.Name}' as a resource (use $expand or a query on the related set)");
        throw WebApiErrors.NoSegment(next.Name);
    }

    private Operation ServiceDocument(ApiRequest request)
    {
        var body = JsonBody.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("@odata.context", request.ServiceRoot + "$metadata");
            writer.WriteStartArray("value");
            foreach (var table in _schema.Catalog.Tables.OrderBy(t => t.EntitySetName, StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("name", table.EntitySetName);
                writer.WriteString("kind", "EntitySet");
                writer.WriteString("url", table.EntitySetName);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
        return Operation.Immediate(ApiResponse.Json(200, body));
    }

    private static Dictionary<string, string> ParseQuery(string rawQuery)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(rawQuery))
            return result;
        foreach (var (name, values) in QueryHelpers.ParseQuery("?" + rawQuery.TrimStart('?')))
        {
            if (values.Count > 1)
                throw WebApiErrors.Malformed($"The query parameter '{name}' is specified more than once; it must be specified at most once.");
            result[name] = values[0] ?? string.Empty;
        }
        return result;
    }

    internal static void RequireMethod(ApiRequest request, params string[] methods)
    {
        if (!methods.Contains(request.Method))
            throw MethodNotAllowed(request);
    }

    internal static WebApiException MethodNotAllowed(ApiRequest request) =>
        new(405, WebApiErrors.BadRequest, $"The HTTP method '{request.Method}' is not allowed for the resource '{request.Path}'.");

    internal CustomApiDefinition? FindCustomApi(string name) =>
        _organization.CustomApis.Definitions.FirstOrDefault(d => d.UniqueName == name);

    internal Guid NewId() => _newId();
}

/// <summary>What one translation needs: the request, its query options, and the change set it belongs to.</summary>
internal sealed class RequestScope(ApiRequest request, IReadOnlyDictionary<string, string> options, ChangeSetContext? changeSet, WebApiDispatcher dispatcher)
    : IReferenceResolver
{
    private Preferences? _preferences;

    public ApiRequest Request { get; } = request;

    public IReadOnlyDictionary<string, string> Options { get; } = options;

    public ChangeSetContext? ChangeSet { get; } = changeSet;

    public Preferences Preferences => _preferences ??= Preferences.Parse(Request.Header("Prefer"));

    public EntityReader Reader => new(dispatcher.Schema, this);

    public EntityWriter Writer => new(dispatcher.Schema, Preferences.Annotations);

    public string EntityUrl(Metadata.TableDefinition table, Guid id) => $"{Request.ServiceRoot}{table.EntitySetName}({ValueFormats.Guid(id)})";

    /// <summary>Resolves a bind URL; an alternate key is looked up through a Retrieve, so a missing record is a 404.</summary>
    public EntityReference Resolve(string url)
    {
        var text = url.Trim();
        if (text.StartsWith('$'))
        {
            if (ChangeSet is null || !ChangeSet.ContentIds.TryGetValue(text[1..], out var target))
                throw WebApiErrors.Malformed($"The reference '{text}' does not name an earlier request of the same change set.");
            text = target;
        }
        var key = Reader.ParseRecordUrl(text, null);
        return new EntityReference(key.Table.LogicalName, IdOf(key));
    }

    public Guid IdOf(EntityKey key)
    {
        if (!key.IsAlternateKey)
            return key.Id;
        var retrieve = new OrganizationRequest("Retrieve")
        {
            ["Target"] = key.ToReference(),
            ["ColumnSet"] = new Microsoft.Xrm.Sdk.Query.ColumnSet(key.Table.PrimaryIdAttribute),
        };
        var entity = (Entity)dispatcher.Execute(retrieve, Request.UserId).Results["Entity"];
        return entity.Id;
    }
}
