using System.Net;
using System.Text.Json;

namespace EmailConnector.Dataverse.Errors;

/// <summary>Turns a failed response into the matching <see cref="DataverseException"/>.</summary>
internal static class DataverseErrorReader
{
    public static async Task<DataverseException> ReadAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var body = response.Content is null ? string.Empty : await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return Create(response.StatusCode, body, RetryAfterOf(response, now));
    }

    public static DataverseException Create(HttpStatusCode status, string body, TimeSpan? retryAfter = null)
    {
        var (code, message) = Parse(body);
        message ??= string.IsNullOrWhiteSpace(body)
            ? $"Dataverse answered {(int)status} {status} without an error body."
            : $"Dataverse answered {(int)status} {status} with a body that is not a Web API error.";
        return status switch
        {
            HttpStatusCode.NotFound => new DataverseNotFoundException(code, message),
            HttpStatusCode.PreconditionFailed => new DataverseConcurrencyException(code, message),
            HttpStatusCode.TooManyRequests => new DataverseThrottledException(code, message, retryAfter),
            _ => new DataverseException(status, code, message),
        };
    }

    /// <summary>Reads <c>{"error":{"code","message"}}</c>; both parts are null when the body is not such an object.</summary>
    public static (string? Code, string? Message) Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                return (StringOf(error, "code"), StringOf(error, "message"));
            }
        }
        catch (JsonException)
        {
            // Proxies and gateways answer with HTML; the status code then says all we know.
        }

        return (null, null);
    }

    /// <summary>The <c>Retry-After</c> wait: seconds, or an HTTP date measured against the response's Date (or now).</summary>
    public static TimeSpan? RetryAfterOf(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - (response.Headers.Date ?? now);
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
