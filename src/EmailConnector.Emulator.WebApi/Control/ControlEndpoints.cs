using System.Globalization;
using System.Text;
using System.Text.Json;
using EmailConnector.Emulator.Storage;
using EmailConnector.Emulator.WebApi.Hosting;
using EmailConnector.Emulator.WebApi.Routing;
using Microsoft.AspNetCore.Http;

namespace EmailConnector.Emulator.WebApi.Control;

/// <summary>
/// The emulator's own endpoints (emulator.md §2.7), outside the Dataverse URL space: the OAuth2 client-credentials
/// token endpoint and its discovery document, and under <c>/_emulator/</c>: health, reset, snapshot/restore, the HTTP
/// request log, the organization's request/step/trace log, and fault injection.
/// </summary>
internal sealed class ControlEndpoints(HttpFront front)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<int, StoreSnapshot> _snapshots = [];
    private readonly object _gate = new();
    private int _nextSnapshot;

    public async Task<ApiResponse> ServeAsync(HttpContext context, string path)
    {
        try
        {
            var method = context.Request.Method;
            if (front.IsTokenPath(path))
                return await TokenAsync(context).ConfigureAwait(false);
            if (front.IsDiscoveryPath(path))
                return Discovery(context);
            var route = path["/_emulator/".Length..].TrimEnd('/');
            switch (method, route)
            {
                case ("GET", "health"):
                    return Ok(new { status = "ok", serviceRoot = Origin(context) + HttpFront.ServicePrefix + "/" });
                case ("POST", "reset"):
                    front.Organization.Reset();
                    front.Requests.Clear();
                    return ApiResponse.NoContent();
                case ("POST", "snapshot"):
                    lock (_gate)
                    {
                        var id = ++_nextSnapshot;
                        _snapshots[id] = front.Organization.Snapshot();
                        return Ok(new { snapshotId = id });
                    }
                case ("GET", "requests"):
                    return Ok(front.Requests.Entries);
                case ("DELETE", "requests"):
                    front.Requests.Clear();
                    return ApiResponse.NoContent();
                case ("GET", "log"):
                    return Ok(OrganizationLog());
                case ("DELETE", "log"):
                    front.Organization.Log.Clear();
                    return ApiResponse.NoContent();
                case ("GET", "faults"):
                    return Ok(front.Faults.Rules.Select(r => new { id = r.Id, rule = r.Rule, seen = r.Seen }));
                case ("POST", "faults"):
                    var rule = JsonSerializer.Deserialize<FaultRule>(await HttpFront.ReadBodyAsync(context.Request).ConfigureAwait(false), Json)
                        ?? throw WebApiErrors.Malformed("A fault rule JSON object was expected.");
                    return Ok(new { id = front.Faults.Add(rule) });
                case ("DELETE", "faults"):
                    front.Faults.Clear();
                    return ApiResponse.NoContent();
                default:
                    if (method == "POST" && route.StartsWith("restore/", StringComparison.Ordinal))
                        return Restore(route["restore/".Length..]);
                    throw WebApiErrors.NoSegment(path);
            }
        }
        catch (JsonException exception)
        {
            return ApiResponse.Error(WebApiErrors.Malformed("The body is not valid JSON: " + exception.Message));
        }
        catch (WebApiException error)
        {
            return ApiResponse.Error(error);
        }
    }

    private ApiResponse Restore(string text)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            throw WebApiErrors.Malformed($"'{text}' is not a snapshot id.");
        StoreSnapshot? snapshot;
        lock (_gate)
            _snapshots.TryGetValue(id, out snapshot);
        if (snapshot is null)
            throw new WebApiException(404, WebApiErrors.ResourceNotFound, $"There is no snapshot {id}.");
        front.Organization.Restore(snapshot);
        return ApiResponse.NoContent();
    }

    private object OrganizationLog()
    {
        var log = front.Organization.Log;
        return new
        {
            requests = log.Requests.Select(r => new
            {
                name = r.RequestName,
                depth = r.Depth,
                userId = r.UserId,
                fault = r.Fault is null ? null : new { code = WebApiErrors.Hex(r.Fault.ErrorCode), message = r.Fault.Message },
            }),
            steps = log.Steps.Select(s => new
            {
                step = s.StepName,
                pluginType = s.PluginTypeName,
                message = s.MessageName,
                entity = s.PrimaryEntityName,
                stage = (int)s.Stage,
                mode = s.Mode.ToString(),
                depth = s.Depth,
                primaryEntityId = s.PrimaryEntityId,
                outcome = s.Outcome.ToString(),
                error = s.Error,
            }),
            traces = log.Traces.Select(t => new { step = t.StepName, depth = t.Depth, message = t.Message }),
        };
    }

    // OAuth2 client credentials (RFC 6749 §4.4) as Entra answers it: form post in, {"token_type","expires_in","access_token"} out.
    private async Task<ApiResponse> TokenAsync(HttpContext context)
    {
        if (context.Request.Method != "POST")
            return OAuthError(405, "invalid_request", "The token endpoint accepts POST only.");
        if (!context.Request.HasFormContentType)
            return OAuthError(400, "invalid_request", "The token request must be application/x-www-form-urlencoded.");
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        if (form["grant_type"] != "client_credentials")
            return OAuthError(400, "unsupported_grant_type", "Only grant_type=client_credentials is supported by the emulator's issuer.");
        string? clientId = form["client_id"];
        string? secret = form["client_secret"];
        var basic = context.Request.Headers.Authorization.ToString();
        if (basic.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic[6..].Trim())).Split(':', 2);
            clientId = Uri.UnescapeDataString(pair[0]);
            secret = pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : null;
        }
        if (string.IsNullOrEmpty(clientId) || !front.Tokens.CheckSecret(clientId, secret))
            return OAuthError(401, "invalid_client", $"AADSTS7000215: Invalid client secret provided, or the client '{clientId}' is not registered.");
        var scope = form["scope"].ToString();
        if (!scope.EndsWith("/.default", StringComparison.Ordinal) || scope.Contains(' ', StringComparison.Ordinal))
            return OAuthError(400, "invalid_scope", "AADSTS1002012: The scope must be a single resource followed by '/.default'.");
        var origin = Origin(context);
        var token = front.Tokens.Issue(clientId, scope[..^"/.default".Length], front.Issuer(origin));
        var lifetime = (long)front.Options.Authentication.TokenLifetime.TotalSeconds - 1;
        return new ApiResponse(200)
        {
            ContentType = "application/json; charset=utf-8",
            Body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = lifetime,
                ["ext_expires_in"] = lifetime,
                ["access_token"] = token,
            }),
        }.With("Cache-Control", "no-store");
    }

    private ApiResponse Discovery(HttpContext context)
    {
        var origin = Origin(context);
        var tenant = front.Options.Authentication.TenantId;
        return Ok(new Dictionary<string, object>
        {
            ["issuer"] = front.Issuer(origin),
            ["token_endpoint"] = $"{origin}/{tenant}/oauth2/v2.0/token",
            ["authorization_endpoint"] = $"{origin}/{tenant}/oauth2/v2.0/authorize",
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
            ["grant_types_supported"] = new[] { "client_credentials" },
            ["response_types_supported"] = new[] { "token" },
        });
    }

    private static string Origin(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";

    private static ApiResponse Ok(object value) =>
        new(200) { ContentType = "application/json; charset=utf-8", Body = JsonSerializer.SerializeToUtf8Bytes(value, Json) };

    private static ApiResponse OAuthError(int status, string error, string description) =>
        new(status)
        {
            ContentType = "application/json; charset=utf-8",
            Body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }),
        };
}
