namespace EmailConnector.Platforms.Dotdigital.Double.State;

/// <summary>An error answer in the vendor's form: v2 <c>{message}</c> ending in an ERROR_ token, v3 <c>{errorCode, description}</c>.</summary>
internal sealed class DoubleError(int status, object body) : Exception("The double answers " + status)
{
    public int Status { get; } = status;

    public object Body { get; } = body;

    public static DoubleError V2(int status, string message) => new(status, new { message });

    public static DoubleError V3(int status, string code, string description) => new(status, new { errorCode = code, description });
}
