namespace EmailConnector.Emulator.WebApi.Routing;

/// <summary>A failure the front answers with Dataverse's error body and the given HTTP status.</summary>
public sealed class WebApiException(int status, string code, string message, TimeSpan? retryAfter = null) : Exception(message)
{
    public int Status { get; } = status;

    /// <summary>The hex error code as Dataverse writes it ("0x80040217").</summary>
    public string Code { get; } = code;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
