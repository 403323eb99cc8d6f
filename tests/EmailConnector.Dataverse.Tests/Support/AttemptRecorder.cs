using System.Collections.Concurrent;
using EmailConnector.Dataverse.Resilience;

namespace EmailConnector.Dataverse.Tests.Support;

/// <summary>One attempt as the wire saw it: when it left and came back on the test clock, and what came back.</summary>
public sealed record Attempt(long CallNumber, int AttemptNumber, string Method, string Path, DateTimeOffset SentAt, DateTimeOffset ReceivedAt, int Status, TimeSpan? RetryAfter);

/// <summary>Every attempt of every call, in the order the responses came back.</summary>
public sealed class AttemptLog
{
    public ConcurrentQueue<Attempt> Attempts { get; } = new();
}

/// <summary>A message handler inside the client's HttpClient that records every attempt into an <see cref="AttemptLog"/>.</summary>
public sealed class AttemptRecorder(AttemptLog log, TimeProvider clock) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sentAt = clock.GetUtcNow();
        var response = await base.SendAsync(request, cancellationToken);
        request.Options.TryGetValue(DataverseRequestOptions.CallNumber, out var call);
        request.Options.TryGetValue(DataverseRequestOptions.Attempt, out var attempt);
        log.Attempts.Enqueue(new Attempt(call, attempt, request.Method.Method, request.RequestUri!.AbsolutePath, sentAt, clock.GetUtcNow(),
            (int)response.StatusCode, response.Headers.RetryAfter?.Delta));
        return response;
    }
}
