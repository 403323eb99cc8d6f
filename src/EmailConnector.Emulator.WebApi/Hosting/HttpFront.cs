using System.Diagnostics;
using System.Globalization;
using EmailConnector.Emulator.WebApi.Auth;
using EmailConnector.Emulator.WebApi.Batch;
using EmailConnector.Emulator.WebApi.ConsolePage;
using EmailConnector.Emulator.WebApi.Control;
using EmailConnector.Emulator.WebApi.Protection;
using EmailConnector.Emulator.WebApi.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace EmailConnector.Emulator.WebApi.Hosting;

/// <summary>
/// The one request handler: Web API requests pass authentication, service protection and fault injection, then the
/// dispatcher or the batch processor; token and control requests go to their endpoints. Every answer, even for a
/// body or URL it cannot read, is an HTTP response with Dataverse's error body, never an unhandled exception.
/// </summary>
internal sealed class HttpFront
{
    public const string ServicePrefix = "/api/data/v9.2";

    private readonly WebApiOptions _options;
    private readonly WebApiDispatcher _dispatcher;
    private readonly BatchProcessor _batch;
    private readonly ControlEndpoints _control;
    private readonly ConsoleEndpoints _console;

    public HttpFront(EmulatedOrganization organization, WebApiOptions options)
    {
        _options = options;
        Organization = organization;
        var schema = new WebApiSchema(organization.Catalog);
        _dispatcher = new WebApiDispatcher(organization, schema, options.IdSource ?? Guid.NewGuid);
        _batch = new BatchProcessor(_dispatcher);
        Tokens = new TokenIssuer(options.Authentication, options.TimeProvider);
        Protection = new ServiceProtection(options.ServiceProtection, options.TimeProvider);
        _control = new ControlEndpoints(this);
        _console = new ConsoleEndpoints(this);
    }

    public EmulatedOrganization Organization { get; }

    public WebApiOptions Options => _options;

    public TokenIssuer Tokens { get; }

    public ServiceProtection Protection { get; }

    public FaultInjector Faults { get; } = new();

    public RequestLog Requests { get; } = new();

    public string Issuer(string origin) => $"{origin}/{_options.Authentication.TenantId}/v2.0";

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        var question = raw.IndexOf('?', StringComparison.Ordinal);
        var rawPath = question < 0 ? raw : raw[..question];
        var rawQuery = question < 0 ? string.Empty : raw[(question + 1)..];
        Guid? user = null;
        ApiResponse response;
        try
        {
            var path = Uri.UnescapeDataString(rawPath);
            if (path == ServicePrefix || path.StartsWith(ServicePrefix + "/", StringComparison.Ordinal))
            {
                var (result, caller) = await ServeWebApiAsync(context, path, rawQuery).ConfigureAwait(false);
                response = result;
                user = caller;
            }
            else if (path.StartsWith("/_emulator/", StringComparison.Ordinal) || IsTokenPath(path) || IsDiscoveryPath(path))
            {
                response = await _control.ServeAsync(context, path).ConfigureAwait(false);
            }
            else if (ConsoleEndpoints.Handles(path))
            {
                response = _console.Serve(context, path);
            }
            else
            {
                response = ApiResponse.Error(WebApiErrors.NoSegment(path.Trim('/')));
            }
        }
        catch (Exception exception) when (exception is UriFormatException or BadHttpRequestException or IOException)
        {
            response = ApiResponse.Error(WebApiErrors.Malformed("The request could not be read: " + exception.Message));
        }
        await WriteAsync(context, response).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Requests.Add(new HttpLogEntry(_options.TimeProvider.GetUtcNow(), context.Request.Method, raw, response.Status, user, elapsed));
        _options.Log?.Invoke($"{context.Request.Method} {raw} → {response.Status} ({elapsed.ToString("0.0", CultureInfo.InvariantCulture)} ms)");
    }

    public bool IsTokenPath(string path) =>
        path == "/_emulator/token" || path == $"/{_options.Authentication.TenantId}/oauth2/v2.0/token";

    public bool IsDiscoveryPath(string path) => path == $"/{_options.Authentication.TenantId}/v2.0/.well-known/openid-configuration";

    private async Task<(ApiResponse Response, Guid? User)> ServeWebApiAsync(HttpContext context, string path, string rawQuery)
    {
        var identity = Authenticate(context, out var failure);
        if (identity is null && _options.Authentication.Required)
        {
            var origin = $"{context.Request.Scheme}://{context.Request.Host}";
            return (ApiResponse.Error(new WebApiException(401, WebApiErrors.Unauthorized, failure))
                .With("WWW-Authenticate", $"Bearer authorization_uri={origin}/{_options.Authentication.TenantId}/oauth2/authorize, resource_id={origin}/"), null);
        }
        var user = identity?.UserId ?? Organization.Options.DefaultUserId;
        ServiceProtection.Lease lease;
        try
        {
            lease = Protection.Enter(user);
        }
        catch (WebApiException refused)
        {
            return (ApiResponse.Error(refused), user);
        }
        using (lease)
        {
            var relative = path.Length > ServicePrefix.Length ? path[(ServicePrefix.Length + 1)..] : string.Empty;
            if (Faults.Match(context.Request.Method, relative) is { } rule)
            {
                if (rule.DelayMs > 0)
                    await Task.Delay(TimeSpan.FromMilliseconds(rule.DelayMs), _options.TimeProvider, context.RequestAborted).ConfigureAwait(false);
                if (FaultInjector.ErrorOf(rule) is { } injected)
                    return (ApiResponse.Error(injected), user);
            }
            var request = new ApiRequest
            {
                Method = context.Request.Method,
                Path = relative,
                RawQuery = rawQuery,
                Headers = Headers(context.Request),
                Body = await ReadBodyAsync(context.Request).ConfigureAwait(false),
                UserId = user,
                ServiceRoot = $"{context.Request.Scheme}://{context.Request.Host}{ServicePrefix}/",
            };
            // The organization runs one request at a time; a worker thread keeps Kestrel's threads free meanwhile.
            var response = await Task.Run(() => relative == "$batch"
                ? _batch.Handle(request, operations => Protection.AddOperations(user, operations - 1))
                : _dispatcher.Handle(request)).ConfigureAwait(false);
            foreach (var header in Protection.Headers(user))
                response.Headers.Add(header);
            if (relative.StartsWith("WhoAmI", StringComparison.Ordinal))
                response.With("x-ms-dop-hint", _options.DegreeOfParallelismHint.ToString(CultureInfo.InvariantCulture));
            return (response, user);
        }
    }

    private TokenIdentity? Authenticate(HttpContext context, out string failure)
    {
        failure = "The request has no bearer token (Authorization: Bearer <token>).";
        var header = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
            return null;
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            failure = "The Authorization header must use the Bearer scheme.";
            return null;
        }
        return Tokens.Validate(header["Bearer ".Length..].Trim(), out failure);
    }

    private static Dictionary<string, string> Headers(HttpRequest request)
    {
        var headers = ApiRequest.NewHeaders();
        foreach (var (name, values) in request.Headers)
            headers[name] = values.ToString();
        return headers;
    }

    internal static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return buffer.ToArray();
    }

    internal static async Task WriteAsync(HttpContext context, ApiResponse response)
    {
        context.Response.StatusCode = response.Status;
        if (response.Status != 304)
            context.Response.Headers["OData-Version"] = "4.0";
        foreach (var (name, value) in response.Headers)
            context.Response.Headers.Append(name, value);
        if (response.ContentType is not null)
            context.Response.ContentType = response.ContentType;
        if (response.Body.Length > 0 && response.Status is not (204 or 304))
            await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
