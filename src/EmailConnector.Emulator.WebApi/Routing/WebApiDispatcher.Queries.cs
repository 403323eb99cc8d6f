using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using EmailConnector.Emulator.Metadata;
using EmailConnector.Emulator.Query;
using EmailConnector.Emulator.WebApi.Json;
using EmailConnector.Emulator.WebApi.OData;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Emulator.WebApi.Routing;

internal sealed partial class WebApiDispatcher
{
    private Operation Query(RequestScope scope, TableDefinition table)
    {
        var parsed = QueryOptions.Parse(_schema, table, scope.Options);
        var preferences = scope.Preferences;
        var node = parsed.Node;
        var pageSize = preferences.MaxPageSize ?? Preferences.MaxPageSizeLimit;
        if (node.Top is null)
        {
            var (page, cookie) = scope.Options.TryGetValue("$skiptoken", out var token) ? SkipToken.Read(token) : (1, null);
            node.Paging = new PagingNode { Count = pageSize, PageNumber = page, Cookie = cookie, ReturnTotalRecordCount = parsed.Count };
        }
        else if (parsed.Count)
        {
            throw WebApiErrors.NotImplemented("$count=true together with $top");
        }
        var operation = new Operation
        {
            IsRead = true,
            Respond = responses =>
            {
                var collection = (EntityCollection)responses[0].Results["EntityCollection"];
                var writer = scope.Writer;
                var body = JsonBody.Write(json =>
                {
                    json.WriteStartObject();
                    json.WriteString("@odata.context", $"{scope.Request.ServiceRoot}$metadata#{table.EntitySetName}{parsed.ContextSelection}");
                    if (parsed.Count)
                    {
                        json.WriteNumber("@odata.count", collection.TotalRecordCount < 0 ? Preferences.MaxPageSizeLimit : collection.TotalRecordCount);
                        if (collection.TotalRecordCountLimitExceeded)
                        {
                            json.WriteNumber("@Microsoft.Dynamics.CRM.totalrecordcount", -1);
                            json.WriteBoolean("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded", true);
                        }
                    }
                    json.WriteStartArray("value");
                    foreach (var entity in collection.Entities)
                        writer.WriteOData(json, entity, parsed.Projection);
                    json.WriteEndArray();
                    if (collection.MoreRecords && node.Top is null && collection.PagingCookie is { } next)
                        json.WriteString("@odata.nextLink", NextLink(scope, table, SkipToken.Write((node.Paging.PageNumber ?? 1) + 1, next)));
                    json.WriteEndObject();
                });
                return Applied(ApiResponse.Json(200, body), preferences, pageSize: preferences.MaxPageSize is not null && node.Top is null);
            },
        };
        operation.Requests.Add(new OrganizationRequest("RetrieveMultiple") { ["Query"] = QueryNodeConverter.ToQueryExpression(node) });
        return operation;
    }

    private Operation Count(RequestScope scope, TableDefinition table)
    {
        foreach (var name in scope.Options.Keys.Where(n => n.StartsWith('$')))
        {
            if (name != "$filter")
                throw WebApiErrors.Malformed($"The query option '{name}' is not allowed with /$count.");
        }
        var node = new QueryNode(table.LogicalName)
        {
            Source = QuerySource.OData,
            Columns = ColumnSelection.Of([table.PrimaryIdAttribute]),
            Paging = new PagingNode { Count = 1, ReturnTotalRecordCount = true },
        };
        if (scope.Options.TryGetValue("$filter", out var filter))
            node.Filter = FilterParser.Parse(filter, table);
        var operation = new Operation
        {
            IsRead = true,
            Respond = responses =>
            {
                var collection = (EntityCollection)responses[0].Results["EntityCollection"];
                var count = collection.TotalRecordCountLimitExceeded ? Preferences.MaxPageSizeLimit : collection.TotalRecordCount;
                return new ApiResponse(200) { ContentType = "text/plain", Body = System.Text.Encoding.UTF8.GetBytes(count.ToString(CultureInfo.InvariantCulture)) };
            },
        };
        operation.Requests.Add(new OrganizationRequest("RetrieveMultiple") { ["Query"] = QueryNodeConverter.ToQueryExpression(node) });
        return operation;
    }

    private Operation FetchXmlQuery(RequestScope scope, TableDefinition table)
    {
        foreach (var name in scope.Options.Keys.Where(n => n.StartsWith('$')))
            throw WebApiErrors.Malformed($"The query option '{name}' cannot be combined with fetchXml.");
        var fetch = scope.Options["fetchXml"];
        XElement root;
        try
        {
            root = XElement.Parse(fetch);
        }
        catch (XmlException exception)
        {
            throw WebApiErrors.Malformed($"The fetchXml parameter is not valid XML: {exception.Message}");
        }
        var entityName = root.Element("entity")?.Attribute("name")?.Value;
        if (root.Name.LocalName != "fetch" || entityName is null)
            throw WebApiErrors.Malformed("The fetchXml parameter must be a <fetch> element with an <entity name=\"…\"> child.");
        if (entityName != table.LogicalName)
            throw WebApiErrors.Malformed($"The entity '{entityName}' of the fetchXml does not match the entity set '{table.EntitySetName}' ({table.LogicalName}).");
        var page = int.TryParse(root.Attribute("page")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var preferences = scope.Preferences;
        var operation = new Operation
        {
            IsRead = true,
            Respond = responses =>
            {
                var collection = (EntityCollection)responses[0].Results["EntityCollection"];
                var writer = scope.Writer;
                var annotations = preferences.Annotations;
                var body = JsonBody.Write(json =>
                {
                    json.WriteStartObject();
                    json.WriteString("@odata.context", $"{scope.Request.ServiceRoot}$metadata#{table.EntitySetName}");
                    if (collection.TotalRecordCount >= 0 || collection.TotalRecordCountLimitExceeded)
                    {
                        json.WriteNumber("@" + AnnotationFilter.TotalRecordCount, collection.TotalRecordCount);
                        json.WriteBoolean("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded", collection.TotalRecordCountLimitExceeded);
                    }
                    if (annotations.Includes(AnnotationFilter.FetchXmlPagingCookie) && collection.PagingCookie is { } cookie)
                        json.WriteString("@" + AnnotationFilter.FetchXmlPagingCookie, FetchCookie(page + 1, cookie));
                    if (annotations.Includes(AnnotationFilter.MoreRecords) || annotations.Includes(AnnotationFilter.FetchXmlPagingCookie))
                        json.WriteBoolean("@" + AnnotationFilter.MoreRecords, collection.MoreRecords);
                    json.WriteStartArray("value");
                    foreach (var entity in collection.Entities)
                        writer.WriteFetch(json, entity, table);
                    json.WriteEndArray();
                    json.WriteEndObject();
                });
                return Applied(ApiResponse.Json(200, body), preferences, pageSize: false);
            },
        };
        operation.Requests.Add(new OrganizationRequest("RetrieveMultiple") { ["Query"] = new FetchExpression(fetch) });
        return operation;
    }

    /// <summary>Dataverse's fetchxmlpagingcookie: the engine's cookie URL-encoded twice inside a cookie element.</summary>
    internal static string FetchCookie(int nextPage, string cookie) =>
        new XElement("cookie",
            new XAttribute("pagenumber", nextPage.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("pagingcookie", Uri.EscapeDataString(Uri.EscapeDataString(cookie))),
            new XAttribute("istracking", "False")).ToString(SaveOptions.DisableFormatting);

    private Operation Retrieve(RequestScope scope, EntityKey key)
    {
        var table = key.Table;
        foreach (var name in scope.Options.Keys.Where(n => n.StartsWith('$')))
        {
            if (name is not ("$select" or "$expand"))
                throw WebApiErrors.Malformed($"The query option '{name}' is not allowed when retrieving a single record.");
        }
        var parsed = QueryOptions.Parse(_schema, table, scope.Options);
        var context = $"{scope.Request.ServiceRoot}$metadata#{table.EntitySetName}{parsed.ContextSelection}/$entity";
        var preferences = scope.Preferences;
        var ifNoneMatch = scope.Request.Header("If-None-Match");
        var operation = new Operation
        {
            IsRead = true,
            Respond = responses =>
            {
                var entity = responses[0].Results.TryGetValue("Entity", out var single) && single is Entity found
                    ? found
                    : ((EntityCollection)responses[0].Results["EntityCollection"]).Entities.FirstOrDefault()
                        ?? throw NotFound(key);
                if (ifNoneMatch is not null && ifNoneMatch != "null" && parsed.Projection.Expansions.Count == 0 && !preferences.Annotations.Any
                    && ETag(entity) is { } etag && ifNoneMatch == etag)
                    return new ApiResponse(304);
                return Applied(ApiResponse.Json(200, EntityBody(scope, context, entity, parsed.Projection)), preferences, pageSize: false);
            },
        };
        if (parsed.Projection.Expansions.Count == 0)
        {
            operation.Requests.Add(new OrganizationRequest("Retrieve")
            {
                ["Target"] = key.ToReference(),
                ["ColumnSet"] = parsed.Node.Columns.All ? new ColumnSet(true) : new ColumnSet([.. parsed.Node.Columns.Columns]),
            });
        }
        else
        {
            var node = parsed.Node;
            var filter = new FilterNode(FilterKind.And);
            if (key.IsAlternateKey)
            {
                foreach (var (column, value) in key.Keys)
                    filter.Conditions.Add(new ConditionNode(column, QueryOperator.Equal, [value]));
            }
            else
            {
                filter.Conditions.Add(new ConditionNode(table.PrimaryIdAttribute, QueryOperator.Equal, [key.Id]));
            }
            node.Filter = filter;
            operation.Requests.Add(new OrganizationRequest("RetrieveMultiple") { ["Query"] = QueryNodeConverter.ToQueryExpression(node) });
        }
        return operation;
    }

    private static byte[] EntityBody(RequestScope scope, string context, Entity entity, Projection projection)
    {
        var writer = scope.Writer;
        var inner = JsonBody.Write(json => writer.WriteOData(json, entity, projection));
        // The context annotation leads the object, so the entity's own object is spliced in after it.
        var head = JsonBody.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("@odata.context", context);
            json.WriteEndObject();
        });
        if (inner.Length <= 2)
            return head;
        var result = new byte[head.Length - 1 + 1 + inner.Length - 1];
        Buffer.BlockCopy(head, 0, result, 0, head.Length - 1);
        result[head.Length - 1] = (byte)',';
        Buffer.BlockCopy(inner, 1, result, head.Length, inner.Length - 1);
        return result;
    }

    internal static string? ETag(Entity entity)
    {
        var version = entity.RowVersion;
        if (string.IsNullOrEmpty(version) && entity.Attributes.TryGetValue("versionnumber", out var number) && number is long n)
            version = n.ToString(CultureInfo.InvariantCulture);
        return string.IsNullOrEmpty(version) ? null : $"W/\"{version}\"";
    }

    private static WebApiException NotFound(EntityKey key) => key.IsAlternateKey
        ? new WebApiException(404, WebApiErrors.Hex(Faults.ErrorCodes.ObjectDoesNotExist.Value),
            $"A record with the specified key values does not exist in {key.Table.LogicalName} entity")
        : new WebApiException(404, WebApiErrors.Hex(Faults.ErrorCodes.ObjectDoesNotExist.Value), $"{key.Table.LogicalName} With Id = {key.Id} Does Not Exist");

    private static string NextLink(RequestScope scope, TableDefinition table, string skipToken)
    {
        var parts = scope.Request.RawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("$skiptoken=", StringComparison.Ordinal) && !p.StartsWith("%24skiptoken=", StringComparison.OrdinalIgnoreCase))
            .ToList();
        parts.Add("$skiptoken=" + Uri.EscapeDataString(skipToken));
        return $"{scope.Request.ServiceRoot}{table.EntitySetName}?{string.Join("&", parts)}";
    }

    internal static ApiResponse Applied(ApiResponse response, Preferences preferences, bool pageSize)
    {
        var applied = new List<string>();
        if (pageSize && preferences.MaxPageSize is { } size)
            applied.Add("odata.maxpagesize=" + size.ToString(CultureInfo.InvariantCulture));
        if (preferences.Annotations.Requested is { } annotations)
            applied.Add($"odata.include-annotations=\"{annotations}\"");
        if (applied.Count > 0)
            response.With("Preference-Applied", string.Join(",", applied));
        return response;
    }
}

/// <summary>
/// The opaque $skiptoken of an @odata.nextLink, shaped like Dataverse's: a cookie element with the next page number
/// and the query engine's keyset paging cookie URL-encoded twice.
/// </summary>
internal static class SkipToken
{
    public static string Write(int nextPage, string cookie) => WebApiDispatcher.FetchCookie(nextPage, cookie);

    public static (int Page, string? Cookie) Read(string token)
    {
        try
        {
            var element = XElement.Parse(token);
            if (element.Name.LocalName != "cookie"
                || !int.TryParse(element.Attribute("pagenumber")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var page) || page < 1)
                throw WebApiErrors.Malformed("The $skiptoken is not valid.");
            var cookie = element.Attribute("pagingcookie")?.Value;
            return (page, cookie is null ? null : Uri.UnescapeDataString(Uri.UnescapeDataString(cookie)));
        }
        catch (XmlException)
        {
            throw WebApiErrors.Malformed("The $skiptoken is not valid.");
        }
    }
}
