using System.Net;
using System.Text;
using System.Text.Json;
using EmailConnector.Platforms.Dotdigital.Double.Endpoints;
using EmailConnector.Platforms.Dotdigital.Double.OpenApi;
using EmailConnector.Platforms.Dotdigital.Double.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EmailConnector.Platforms.Dotdigital.Double;

/// <summary>
/// A contract double of Dotdigital's REST API (v2 and v3 Contacts) on Kestrel, bound to 127.0.0.1: in-memory state,
/// an injectable clock, the vendor's paths, JSON casing, error bodies, paging, rate limits and async imports, every
/// request and answer checked against the vendor's OpenAPI files when they are available, and a control API under
/// <c>/_control</c>.
/// </summary>
public sealed class DotdigitalDouble : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<OpenApiViolation> _violations = [];
    private readonly OpenApiContract? _contract;
    private int _apiPort;
    private int _discoveryPort;

    private DotdigitalDouble(WebApplication app, DotdigitalDoubleOptions options, TimeProvider clock, OpenApiContract? contract, string validationStatus)
    {
        _app = app;
        Options = options;
        Clock = clock;
        _contract = contract;
        ValidationStatus = validationStatus;
        State = new DoubleState(clock, options);
        Limiter = new RateLimiter(options, clock);
    }

    public DotdigitalDoubleOptions Options { get; }

    /// <summary>The clock the double runs on (the test's fake clock, or an <see cref="AdjustableClock"/> in server mode).</summary>
    public TimeProvider Clock { get; }

    /// <summary>The account's API endpoint (its "region").</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Where account-info is asked (r1); the same as <see cref="BaseAddress"/> unless the region is separate.</summary>
    public Uri DiscoveryAddress { get; private set; } = null!;

    /// <summary>"on (files)" or "off: reason".</summary>
    public string ValidationStatus { get; }

    public bool ValidationEnabled => _contract is not null;

    public DoubleStatistics Statistics { get; } = new();

    /// <summary>Every request and answer that did not match the OpenAPI files.</summary>
    public IReadOnlyList<OpenApiViolation> Violations
    {
        get { lock (_violations) return [.. _violations]; }
    }

    /// <summary>Operations (method and path template) seen and checked against the files.</summary>
    public IReadOnlyDictionary<string, int> CheckedOperations
    {
        get { lock (_checked) return new Dictionary<string, int>(_checked); }
    }

    internal DoubleState State { get; }

    internal FaultInjector Faults { get; } = new();

    internal RateLimiter Limiter { get; }

    private readonly Dictionary<string, int> _checked = new(StringComparer.Ordinal);

    /// <summary>Starts the double on 127.0.0.1 (port 0 = any free port).</summary>
    public static async Task<DotdigitalDouble> StartAsync(DotdigitalDoubleOptions? options = null, TimeProvider? clock = null, int port = 0, ILoggerProvider? logging = null)
    {
        options ??= new DotdigitalDoubleOptions();
        clock ??= new AdjustableClock(TimeProvider.System);
        OpenApiContract? contract = null;
        string status;
        if (options.SpecDirectory is null)
            status = "off: no OpenAPI folder given";
        else if (OpenApiContract.Files.Any(f => !File.Exists(Path.Combine(options.SpecDirectory, f))))
            status = $"off: {options.SpecDirectory} lacks {string.Join(", ", OpenApiContract.Files)}";
        else
        {
            contract = new OpenApiContract(options.SpecDirectory);
            status = "on: " + string.Join(", ", OpenApiContract.Files);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logging is not null)
            builder.Logging.AddProvider(logging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            if (options.SeparateRegion)
                kestrel.Listen(IPAddress.Loopback, 0);
        });
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNameCaseInsensitive = true);
        var app = builder.Build();
        var host = new DotdigitalDouble(app, options, clock, contract, status);
        host.Configure(app);
        await app.StartAsync().ConfigureAwait(false);

        var ports = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a).Port).ToList();
        host._apiPort = ports[0];
        host._discoveryPort = options.SeparateRegion ? ports[1] : ports[0];
        host.BaseAddress = new Uri($"http://127.0.0.1:{host._apiPort}/");
        host.DiscoveryAddress = new Uri($"http://127.0.0.1:{host._discoveryPort}/");
        return host;
    }

    /// <summary>A client for the control API.</summary>
    public HttpClient CreateControlClient() => new() { BaseAddress = new Uri(BaseAddress, ControlEndpoints.Prefix.TrimStart('/') + "/") };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private void Configure(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (DoubleError e) when (!context.Response.HasStarted)
            {
                context.Response.StatusCode = e.Status;
                await context.Response.WriteAsJsonAsync(e.Body, Wire.Json).ConfigureAwait(false);
            }
            catch (JsonException) when (!context.Response.HasStarted)
            {
                context.Response.StatusCode = 400;
                await context.Response.WriteAsJsonAsync(new { message = "The request body is not valid JSON. ERROR_INVALID_REQUEST" }, Wire.Json).ConfigureAwait(false);
            }
        });
        app.Use(ValidateAsync);
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? "/";
            if (path.StartsWith(ControlEndpoints.Prefix, StringComparison.Ordinal))
            {
                await next(context).ConfigureAwait(false);
                return;
            }
            Statistics.Request($"{context.Request.Method} {path}");

            // Region: the discovery host only answers account-info; the account's data lives on its own endpoint.
            if (_discoveryPort != _apiPort && context.Connection.LocalPort == _discoveryPort && path != "/v2/account-info")
            {
                await RefuseAsync(context, 403, "{\"message\":\"This account is not hosted in this region. ERROR_INVALID_REGION\"}").ConfigureAwait(false);
                return;
            }
            if (!Authorised(context.Request))
            {
                await RefuseAsync(context, 401, "{\"message\":\"Authorization has been denied for this request.\"}").ConfigureAwait(false);
                return;
            }
            if (Limiter.Refuse(context, Statistics) is { } refusal)
            {
                await RefuseAsync(context, context.Response.StatusCode, refusal).ConfigureAwait(false);
                return;
            }
            if (Faults.Take(context.Request.Method, path) is { } fault)
            {
                Statistics.Fault();
                switch (fault.Kind)
                {
                    case "reset":
                        context.Abort();
                        return;
                    case "delay":
                        await Task.Delay(fault.DelayMilliseconds, context.RequestAborted).ConfigureAwait(false);
                        break;
                    case "commit-then-status":
                        var original = context.Response.Body;
                        context.Response.Body = Stream.Null;
                        await next(context).ConfigureAwait(false);
                        context.Response.Body = original;
                        context.Response.Headers.ContentLength = null;
                        await RefuseAsync(context, fault.Status, "{\"message\":\"The gateway timed out.\"}").ConfigureAwait(false);
                        return;
                    default:
                        await RefuseAsync(context, fault.Status, "{\"message\":\"The service is unavailable.\"}").ConfigureAwait(false);
                        return;
                }
            }
            await next(context).ConfigureAwait(false);
        });

        V2Endpoints.Map(app, State, () => BaseAddress.ToString().TrimEnd('/'));
        V3Endpoints.Map(app, State);
        ControlEndpoints.Map(app, this);
    }

    private bool Authorised(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return false;
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            return pair == Options.ApiUser + ":" + Options.ApiPassword;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static async Task RefuseAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body).ConfigureAwait(false);
    }

    private async Task ValidateAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "/";
        if (_contract is null || path.StartsWith(ControlEndpoints.Prefix, StringComparison.Ordinal))
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        context.Request.EnableBuffering();
        string requestBody;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true))
            requestBody = await reader.ReadToEndAsync().ConfigureAwait(false);
        context.Request.Body.Position = 0;

        var operation = _contract.Find(context.Request.Method, path);
        if (operation is null)
        {
            Record(new OpenApiViolation("request", $"{context.Request.Method} {path}", "no operation in the OpenAPI files matches"));
            await next(context).ConfigureAwait(false);
            return;
        }
        lock (_checked)
            _checked[operation.ToString()] = _checked.GetValueOrDefault(operation.ToString()) + 1;
        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var problems = operation.CheckRequest(path, query, context.Request.ContentType, requestBody);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
                Record(new OpenApiViolation("request", operation.ToString(), problem));
            await RefuseAsync(context, 400, JsonSerializer.Serialize(new { message = "The request does not match the OpenAPI description: " + string.Join("; ", problems) + " ERROR_DOUBLE_OPENAPI" })).ConfigureAwait(false);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = original;
        }
        var responseText = Encoding.UTF8.GetString(buffer.ToArray());
        foreach (var problem in operation.CheckResponse(context.Response.StatusCode, context.Response.ContentType, responseText))
            Record(new OpenApiViolation("response", operation.ToString(), problem));
        buffer.Position = 0;
        await buffer.CopyToAsync(original).ConfigureAwait(false);
    }

    private void Record(OpenApiViolation violation)
    {
        lock (_violations)
            _violations.Add(violation);
    }
}
