using System.Net;
using EmailConnector.Dataverse.Errors;
using EmailConnector.Dataverse.Http;
using EmailConnector.Dataverse.Rows;

namespace EmailConnector.Dataverse.Batch;

/// <summary>The response to one request of a <c>$batch</c>.</summary>
public sealed class BatchResponse
{
    internal BatchResponse(HttpStatusCode statusCode, string? contentId, IReadOnlyDictionary<string, string> headers, string body, bool inChangeSet)
    {
        StatusCode = statusCode;
        ContentId = contentId;
        Headers = headers;
        Body = body;
        InChangeSet = inChangeSet;
    }

    /// <summary>The HTTP status of the inner response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The Content-ID of a change-set member, or null.</summary>
    public string? ContentId { get; }

    /// <summary>The inner response's headers (case-insensitive names).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The inner response's body (JSON or empty).</summary>
    public string Body { get; }

    /// <summary>Whether the response came from a change set.</summary>
    public bool InChangeSet { get; }

    /// <summary>True for 2xx.</summary>
    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;

    /// <summary>The id in the <c>OData-EntityId</c> header (creates and upserts), or null.</summary>
    public Guid? EntityId => Headers.TryGetValue("OData-EntityId", out var url) ? EntityIdParser.Parse(url) : null;

    /// <summary>The body as a row, or null when empty.</summary>
    public DataverseRow? ReadRow() => string.IsNullOrWhiteSpace(Body) ? null : DataverseRow.Parse(Body);

    /// <summary>The error of a failed response, or null on success.</summary>
    public DataverseException? Error => IsSuccess ? null : DataverseErrorReader.Create(StatusCode, Body);
}
