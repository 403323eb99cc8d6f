namespace EmailConnector.Emulator.WebApi.Routing;

/// <summary>One Web API request, from Kestrel or from a $batch part, decoded enough to route.</summary>
internal sealed class ApiRequest
{
    public required string Method { get; init; }

    /// <summary>The path below the service root, percent-decoded, without a leading slash.</summary>
    public required string Path { get; init; }

    /// <summary>The raw query string without '?', kept to build nextLinks.</summary>
    public required string RawQuery { get; init; }

    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public required byte[] Body { get; init; }

    public required Guid UserId { get; init; }

    /// <summary>The absolute service root ("http://127.0.0.1:5555/api/data/v9.2/").</summary>
    public required string ServiceRoot { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public static Dictionary<string, string> NewHeaders() => new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>The answer to an <see cref="ApiRequest"/>.</summary>
internal sealed class ApiResponse
{
    public ApiResponse(int status) => Status = status;

    public int Status { get; }

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public string? ContentType { get; set; }

    public byte[] Body { get; set; } = [];

    public ApiResponse With(string header, string value)
    {
        Headers.Add(new(header, value));
        return this;
    }

    public static ApiResponse NoContent() => new(204);

    public static ApiResponse Json(int status, byte[] body) =>
        new(status) { ContentType = "application/json; odata.metadata=minimal", Body = body };

    public static ApiResponse Error(WebApiException error)
    {
        var response = Json(error.Status, ErrorBody.Write(error.Code, error.Message));
        if (error.RetryAfter is { } retry)
            response.With("Retry-After", ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return response;
    }
}

/// <summary>Dataverse's error body: {"error":{"code":"0x…","message":"…"}}.</summary>
internal static class ErrorBody
{
    public static byte[] Write(string code, string message)
    {
        using var stream = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(stream, new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("code", code);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }
}
