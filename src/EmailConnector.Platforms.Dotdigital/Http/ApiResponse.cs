using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Dotdigital.Api;

namespace EmailConnector.Platforms.Dotdigital.Http;

/// <summary>A buffered answer of the API, with the vendor's error code when it is an error.</summary>
internal sealed partial class ApiResponse
{
    public ApiResponse(HttpStatusCode status, string body, string route, TimeSpan? throttleWait)
    {
        Status = status;
        Body = body;
        Route = route;
        ThrottleWait = throttleWait;
        ErrorCode = IsSuccess ? null : ParseErrorCode(body);
    }

    public HttpStatusCode Status { get; }

    public string Body { get; }

    public string Route { get; }

    /// <summary>v2 <c>ERROR_*</c> token or v3 <c>errorCode</c> (<c>contacts:contactNotFound</c>); null on success.</summary>
    public string? ErrorCode { get; }

    /// <summary>For throttling answers: how long the platform asked to wait.</summary>
    public TimeSpan? ThrottleWait { get; }

    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public bool IsNotFound => Status == HttpStatusCode.NotFound;

    public bool IsThrottled =>
        Status == HttpStatusCode.TooManyRequests ||
        (Status == HttpStatusCode.BadRequest && ErrorCode == ThrottleClassifier.LegacyUsageExceeded);

    public T Read<T>() =>
        JsonSerializer.Deserialize<T>(Body, DotdigitalJson.Options)
        ?? throw new PlatformPermanentException(DotdigitalPlatform.Name, Route, $"Dotdigital answered {Route} with an empty body.");

    /// <summary>The exception the worker acts on; the message names the route and the vendor's code, never the body (it may hold addresses).</summary>
    public EmailPlatformException ToException(string operation)
    {
        var what = $"Dotdigital answered {(int)Status} {ErrorCode ?? Status.ToString()} to {Route}.";
        if (IsThrottled)
            return new PlatformThrottledException(DotdigitalPlatform.Name, operation, ThrottleWait);
        return Status switch
        {
            HttpStatusCode.Unauthorized => new PlatformAuthenticationException(DotdigitalPlatform.Name, operation, what + " Check the API user and password."),
            HttpStatusCode.Forbidden => new PlatformAuthenticationException(DotdigitalPlatform.Name, operation, what + " Wrong region endpoint or missing permission."),
            HttpStatusCode.RequestTimeout => new PlatformTransientException(DotdigitalPlatform.Name, operation, what),
            >= HttpStatusCode.InternalServerError => new PlatformTransientException(DotdigitalPlatform.Name, operation, what),
            _ => new PlatformPermanentException(DotdigitalPlatform.Name, operation, what),
        };
    }

    private static string? ParseErrorCode(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return null;
            if (root.TryGetProperty("errorCode", out var code) && code.ValueKind == JsonValueKind.String)
                return code.GetString();
            if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                var match = V2ErrorToken().Match(message.GetString() ?? string.Empty);
                return match.Success ? match.Value : null;
            }
        }
        catch (JsonException)
        {
            // A non-JSON error page (proxy, load balancer): only the status code tells.
        }
        return null;
    }

    [GeneratedRegex("ERROR_[A-Z_]+")]
    private static partial Regex V2ErrorToken();
}
