using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmailConnector.Dataverse.Rows;

namespace EmailConnector.Dataverse.Http;

/// <summary>
/// One Web API call, described once and turned into a fresh <see cref="HttpRequestMessage"/> for every attempt (a
/// message cannot be sent twice) or into a part of a <c>$batch</c>. <see cref="IsIdempotent"/> decides whether a
/// transient failure may be retried: repeating a plain create could make a second row.
/// </summary>
public sealed class DataverseRequest
{
    private readonly List<KeyValuePair<string, string>> _headers = [];

    /// <summary>Creates a request; prefer the factory methods, which set <see cref="IsIdempotent"/> correctly.</summary>
    public DataverseRequest(HttpMethod method, string path, string operation, bool isIdempotent, byte[]? body = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Method = method;
        Path = path;
        Operation = operation;
        IsIdempotent = isIdempotent;
        Body = body;
    }

    /// <summary>The HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>The path relative to the service root (<c>contacts(…)?$select=…</c>), or an absolute nextLink.</summary>
    public string Path { get; }

    /// <summary>A name for logs and metrics that holds no key values (<c>Update contacts</c>).</summary>
    public string Operation { get; }

    /// <summary>True when repeating the call cannot change the outcome (GET, keyed PATCH, DELETE, flagged actions).</summary>
    public bool IsIdempotent { get; }

    /// <summary>The JSON body, or null.</summary>
    public byte[]? Body { get; }

    /// <summary>The media type of <see cref="Body"/>.</summary>
    public string ContentType { get; init; } = "application/json; charset=utf-8";

    /// <summary>
    /// How many requests the service protection limits count for this call: 1, or the operations of a <c>$batch</c>
    /// (Dataverse counts each of them).
    /// </summary>
    public int Weight { get; init; } = 1;

    /// <summary>Extra headers (Prefer, If-Match, If-None-Match, MSCRM.*).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

    /// <summary>Adds a header; returns the request.</summary>
    public DataverseRequest WithHeader(string name, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _headers.Add(new(name, value));
        return this;
    }

    /// <summary>Adds one preference to the request's <c>Prefer</c> header.</summary>
    public DataverseRequest Prefer(string preference) => WithHeader("Prefer", preference);

    /// <summary>The header value, or null.</summary>
    public string? HeaderValue(string name) => _headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary><c>POST &lt;set&gt;</c>: 204 with <c>OData-EntityId</c>. Never retried on transient failures.</summary>
    public static DataverseRequest Create(string entitySet, DataverseRow row) =>
        new(HttpMethod.Post, entitySet, "Create " + entitySet, isIdempotent: false, Serialize(row));

    /// <summary>
    /// <c>PATCH &lt;set&gt;(key)</c> with <c>If-Match</c>: the ETag when given (412 when the row changed), otherwise
    /// <c>*</c>, so an update never creates a missing row.
    /// </summary>
    public static DataverseRequest Update(string entitySet, RecordKey key, DataverseRow row, string? ifMatchETag = null) =>
        new DataverseRequest(HttpMethod.Patch, key.ToPath(entitySet), "Update " + entitySet, isIdempotent: true, Serialize(row))
            .WithHeader("If-Match", ifMatchETag ?? "*");

    /// <summary><c>PATCH &lt;set&gt;(key)</c>: create or update, or only one of them.</summary>
    public static DataverseRequest Upsert(string entitySet, RecordKey key, DataverseRow row, UpsertBehavior behavior = UpsertBehavior.CreateOrUpdate)
    {
        var request = new DataverseRequest(HttpMethod.Patch, key.ToPath(entitySet), "Upsert " + entitySet, isIdempotent: true, Serialize(row));
        return behavior switch
        {
            UpsertBehavior.CreateOrUpdate => request,
            UpsertBehavior.CreateOnly => request.WithHeader("If-None-Match", "*"),
            UpsertBehavior.UpdateOnly => request.WithHeader("If-Match", "*"),
            _ => throw new ArgumentOutOfRangeException(nameof(behavior), behavior, "Unknown upsert behavior."),
        };
    }

    /// <summary><c>DELETE &lt;set&gt;(key)</c>, optionally only if the row still has <paramref name="ifMatchETag"/>.</summary>
    public static DataverseRequest Delete(string entitySet, RecordKey key, string? ifMatchETag = null)
    {
        var request = new DataverseRequest(HttpMethod.Delete, key.ToPath(entitySet), "Delete " + entitySet, isIdempotent: true);
        return ifMatchETag is null ? request : request.WithHeader("If-Match", ifMatchETag);
    }

    /// <summary><c>GET</c> of a path relative to the service root.</summary>
    public static DataverseRequest Get(string path, string operation) => new(HttpMethod.Get, path, operation, isIdempotent: true);

    /// <summary><c>POST &lt;set&gt;(id)/&lt;nav&gt;/$ref</c> with <c>{"@odata.id": "&lt;related url&gt;"}</c>.</summary>
    public static DataverseRequest Associate(string entitySet, RecordKey key, string navigationProperty, Uri relatedUri) =>
        new(HttpMethod.Post, key.ToPath(entitySet) + "/" + navigationProperty + "/$ref", "Associate " + entitySet + "." + navigationProperty,
            isIdempotent: false, SerializeObject(new JsonObject { ["@odata.id"] = relatedUri.AbsoluteUri }));

    /// <summary>
    /// <c>DELETE &lt;set&gt;(id)/&lt;nav&gt;(&lt;related&gt;)/$ref</c> for a collection, or <c>…/&lt;nav&gt;/$ref</c> for a
    /// single-valued navigation property when <paramref name="relatedId"/> is null.
    /// </summary>
    public static DataverseRequest Disassociate(string entitySet, RecordKey key, string navigationProperty, Guid? relatedId) =>
        new(HttpMethod.Delete,
            key.ToPath(entitySet) + "/" + navigationProperty + (relatedId is { } id ? "(" + id.ToString("D") + ")" : string.Empty) + "/$ref",
            "Disassociate " + entitySet + "." + navigationProperty, isIdempotent: true);

    /// <summary>
    /// An action: unbound <c>POST &lt;name&gt;</c>, bound to a row <c>POST &lt;set&gt;(key)/Microsoft.Dynamics.CRM.&lt;name&gt;</c>,
    /// or bound to an entity set when <paramref name="key"/> is null and <paramref name="entitySet"/> is given; <paramref name="tag"/>
    /// becomes the <c>tag</c> request parameter plugins read as <c>SharedVariables["tag"]</c>.
    /// </summary>
    public static DataverseRequest Action(string name, JsonObject? parameters, bool isIdempotent, string? entitySet = null, RecordKey? key = null, string? tag = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var path = entitySet is null
            ? name
            : (key is null ? entitySet : key.ToPath(entitySet)) + "/Microsoft.Dynamics.CRM." + name;
        if (tag is not null)
            path += "?tag=" + Uri.EscapeDataString(tag);
        return new DataverseRequest(HttpMethod.Post, path, "Action " + name, isIdempotent, SerializeObject(parameters ?? []));
    }

    /// <summary>A function (<c>GET &lt;name&gt;()</c>), with parameters passed as aliases (<c>?@p1=…</c>).</summary>
    public static DataverseRequest Function(string name, IReadOnlyDictionary<string, object?>? parameters = null, string? entitySet = null, RecordKey? key = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var prefix = entitySet is null ? string.Empty : (key is null ? entitySet : key.ToPath(entitySet)) + "/Microsoft.Dynamics.CRM.";
        if (parameters is null || parameters.Count == 0)
        {
            return Get(prefix + name + "()", "Function " + name);
        }

        var names = parameters.Keys.ToArray();
        var call = string.Join(",", names.Select((n, i) => n + "=@p" + (i + 1)));
        var aliases = string.Join("&", names.Select((n, i) => "@p" + (i + 1) + "=" + Uri.EscapeDataString(ODataLiteral.Format(parameters[n]))));
        return Get(prefix + name + "(" + call + ")?" + aliases, "Function " + name);
    }

    /// <summary>A new message for one attempt.</summary>
    internal HttpRequestMessage ToHttpRequestMessage(Uri serviceRoot)
    {
        var message = new HttpRequestMessage(Method, ResolveUri(serviceRoot));
        foreach (var group in _headers.GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            message.Headers.TryAddWithoutValidation(group.Key, string.Join(",", group.Select(h => h.Value)));
        }

        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        }

        return message;
    }

    /// <summary>The absolute URI of the call.</summary>
    public Uri ResolveUri(Uri serviceRoot) =>
        Uri.TryCreate(Path, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp)
            ? absolute
            : new Uri(serviceRoot, Path);

    internal static byte[] Serialize(DataverseRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, DataverseRow.WireWriterOptions))
        {
            row.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    internal static byte[] SerializeObject(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString(DataverseRow.WireOptions));
}
