using System.Net;
using Polly;
using Polly.Timeout;

namespace EmailConnector.Dataverse.Resilience;

/// <summary>
/// Decides whether an attempt's outcome is retried. A 429 means the server refused the call before running it, so
/// even a create may be repeated; any other failure may have run on the server, so only idempotent calls repeat.
/// </summary>
public static class RetryClassifier
{
    /// <summary>Classifies an outcome.</summary>
    public static RetryReason Classify(Outcome<HttpResponseMessage> outcome, bool isIdempotent, CancellationToken callerToken)
    {
        if (callerToken.IsCancellationRequested)
        {
            return RetryReason.None;
        }

        if (outcome.Exception is { } exception)
        {
            return isIdempotent && IsTransient(exception) ? RetryReason.Transient : RetryReason.None;
        }

        var status = outcome.Result!.StatusCode;
        if (status == HttpStatusCode.TooManyRequests)
        {
            return RetryReason.Throttled;
        }

        return isIdempotent && IsTransient(status) ? RetryReason.Transient : RetryReason.None;
    }

    /// <summary>5xx gateway and availability errors, 500 and 408.</summary>
    public static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout
        or HttpStatusCode.InternalServerError
        or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable
        or HttpStatusCode.GatewayTimeout;

    /// <summary>Connection failures and timeouts (HttpClient's own timeout surfaces as a cancellation).</summary>
    public static bool IsTransient(Exception exception) => exception is HttpRequestException
        or TimeoutRejectedException
        or TimeoutException
        or OperationCanceledException { InnerException: TimeoutException }
        or IOException;
}
