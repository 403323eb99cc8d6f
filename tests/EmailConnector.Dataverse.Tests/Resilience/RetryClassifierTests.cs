using System.Net;
using EmailConnector.Dataverse.Resilience;
using Polly;
using Polly.Timeout;

namespace EmailConnector.Dataverse.Tests.Resilience;

public class RetryClassifierTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Classify_429_IsThrottledEvenForACreate(bool idempotent)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Equal(RetryReason.Throttled, RetryClassifier.Classify(Outcome.FromResult(response), idempotent, CancellationToken.None));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public void Classify_TransientStatus_RetriedOnlyWhenIdempotent(HttpStatusCode status)
    {
        using var response = new HttpResponseMessage(status);

        Assert.Equal(RetryReason.Transient, RetryClassifier.Classify(Outcome.FromResult(response), true, CancellationToken.None));
        Assert.Equal(RetryReason.None, RetryClassifier.Classify(Outcome.FromResult(response), false, CancellationToken.None));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.NotImplemented)]
    public void Classify_PermanentStatus_IsNotRetried(HttpStatusCode status)
    {
        using var response = new HttpResponseMessage(status);

        Assert.Equal(RetryReason.None, RetryClassifier.Classify(Outcome.FromResult(response), true, CancellationToken.None));
    }

    public static TheoryData<Exception> TransientExceptions => new()
    {
        new HttpRequestException("connection refused"),
        new TimeoutRejectedException(),
        new TaskCanceledException("HttpClient.Timeout", new TimeoutException()),
        new IOException("reset"),
    };

    [Theory]
    [MemberData(nameof(TransientExceptions))]
    public void Classify_TransientException_RetriedOnlyWhenIdempotent(Exception exception)
    {
        Assert.Equal(RetryReason.Transient, RetryClassifier.Classify(Outcome.FromException<HttpResponseMessage>(exception), true, CancellationToken.None));
        Assert.Equal(RetryReason.None, RetryClassifier.Classify(Outcome.FromException<HttpResponseMessage>(exception), false, CancellationToken.None));
    }

    [Fact]
    public void Classify_CallerCancelled_IsNeverRetried()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Equal(RetryReason.None, RetryClassifier.Classify(Outcome.FromResult(response), true, cancelled.Token));
        Assert.Equal(RetryReason.None, RetryClassifier.Classify(Outcome.FromException<HttpResponseMessage>(new OperationCanceledException()), true, cancelled.Token));
    }

    [Fact]
    public void Classify_OtherException_IsNotRetried()
    {
        Assert.Equal(RetryReason.None, RetryClassifier.Classify(Outcome.FromException<HttpResponseMessage>(new InvalidOperationException()), true, CancellationToken.None));
    }
}
