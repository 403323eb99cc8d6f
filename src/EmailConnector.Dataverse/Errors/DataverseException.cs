using System.Globalization;
using System.Net;

namespace EmailConnector.Dataverse.Errors;

/// <summary>
/// A Dataverse Web API error: the HTTP status plus the <c>{"error":{"code","message"}}</c> body, with the code as
/// Dataverse writes it (<c>0x80040217</c>).
/// </summary>
public class DataverseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DataverseException(HttpStatusCode statusCode, string? errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The Dataverse error code in hex (<c>0x80040217</c>), or null when the body had none.</summary>
    public string? ErrorCode { get; }

    /// <summary>The error code as the SDK's signed integer (<c>-2147220969</c>), or null.</summary>
    public int? ErrorCodeValue => ErrorCode is { } code && code.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
        && uint.TryParse(code.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value)
            ? unchecked((int)value)
            : null;
}

/// <summary>HTTP 404: the row, entity set or segment does not exist (<c>0x80040217</c> for a missing row).</summary>
public sealed class DataverseNotFoundException(string? errorCode, string message)
    : DataverseException(HttpStatusCode.NotFound, errorCode, message);

/// <summary>
/// HTTP 412: a condition failed: a stale ETag (<c>0x80060882</c>) or a create-only upsert of a row that exists
/// (<c>0x80040237</c>).
/// </summary>
public sealed class DataverseConcurrencyException(string? errorCode, string message)
    : DataverseException(HttpStatusCode.PreconditionFailed, errorCode, message)
{
    /// <summary>True when the row already existed (create-only upsert or duplicate alternate key).</summary>
    public bool IsDuplicateRecord => string.Equals(ErrorCode, DataverseErrorCodes.DuplicateRecord, StringComparison.OrdinalIgnoreCase);
}

/// <summary>HTTP 429 that outlasted every retry: the service protection limits kept refusing the call.</summary>
public sealed class DataverseThrottledException(string? errorCode, string message, TimeSpan? retryAfter)
    : DataverseException(HttpStatusCode.TooManyRequests, errorCode, message)
{
    /// <summary>The last <c>Retry-After</c> the server sent.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
