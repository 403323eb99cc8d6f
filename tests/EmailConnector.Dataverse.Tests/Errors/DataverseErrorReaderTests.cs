using System.Net;
using System.Net.Http.Headers;
using EmailConnector.Dataverse.Errors;

namespace EmailConnector.Dataverse.Tests.Errors;

public class DataverseErrorReaderTests
{
    private const string NotFoundBody = """{"error":{"code":"0x80040217","message":"contact With Id = 5f4c0000-0000-0000-0000-000000000001 Does Not Exist"}}""";

    [Fact]
    public void Create_404_IsNotFoundWithCodeAndMessage()
    {
        var error = DataverseErrorReader.Create(HttpStatusCode.NotFound, NotFoundBody);

        var notFound = Assert.IsType<DataverseNotFoundException>(error);
        Assert.Equal("0x80040217", notFound.ErrorCode);
        Assert.Equal(-2147220969, notFound.ErrorCodeValue);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.StartsWith("contact With Id", notFound.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_412Stale_IsConcurrencyButNotDuplicate()
    {
        var error = DataverseErrorReader.Create(HttpStatusCode.PreconditionFailed, """{"error":{"code":"0x80060882","message":"The version of the existing record doesn't match the RowVersion property provided."}}""");

        var concurrency = Assert.IsType<DataverseConcurrencyException>(error);
        Assert.False(concurrency.IsDuplicateRecord);
    }

    [Fact]
    public void Create_412Duplicate_IsConcurrencyAndDuplicate()
    {
        var error = DataverseErrorReader.Create(HttpStatusCode.PreconditionFailed, """{"error":{"code":"0x80040237","message":"A record with matching key values already exists."}}""");

        Assert.True(Assert.IsType<DataverseConcurrencyException>(error).IsDuplicateRecord);
    }

    [Fact]
    public void Create_429_IsThrottledWithRetryAfter()
    {
        var error = DataverseErrorReader.Create(HttpStatusCode.TooManyRequests, """{"error":{"code":"0x80072322","message":"Number of requests exceeded the limit of 6000 over time window of 300 seconds."}}""", TimeSpan.FromSeconds(7));

        var throttled = Assert.IsType<DataverseThrottledException>(error);
        Assert.Equal(TimeSpan.FromSeconds(7), throttled.RetryAfter);
        Assert.True(DataverseErrorCodes.IsServiceProtection(throttled.ErrorCode));
    }

    [Fact]
    public void Create_400WithAnnotations_KeepsCodeAndMessage()
    {
        var body = """{"error":{"code":"0x80040265","message":"This marketing list is locked.","@Microsoft.PowerApps.CDS.ErrorDetails.OperationStatus":"0","@Microsoft.PowerApps.CDS.TraceText":"trace"}}""";

        var error = DataverseErrorReader.Create(HttpStatusCode.BadRequest, body);

        Assert.Equal(typeof(DataverseException), error.GetType());
        Assert.Equal("0x80040265", error.ErrorCode);
        Assert.Equal("This marketing list is locked.", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("""{"message":"no error member"}""")]
    public void Create_BodyWithoutWebApiError_StillReportsStatus(string body)
    {
        var error = DataverseErrorReader.Create(HttpStatusCode.BadGateway, body);

        Assert.Null(error.ErrorCode);
        Assert.Contains("502", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RetryAfterOf_Seconds_ReturnsDelta()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(12));

        Assert.Equal(TimeSpan.FromSeconds(12), DataverseErrorReader.RetryAfterOf(response, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void RetryAfterOf_HttpDate_IsMeasuredFromNow()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(now.AddSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(30), DataverseErrorReader.RetryAfterOf(response, now));
    }

    [Fact]
    public void RetryAfterOf_Missing_IsNull()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Null(DataverseErrorReader.RetryAfterOf(response, DateTimeOffset.UnixEpoch));
    }
}
