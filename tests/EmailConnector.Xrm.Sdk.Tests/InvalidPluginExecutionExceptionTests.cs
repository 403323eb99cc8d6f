using Microsoft.Xrm.Sdk;

namespace EmailConnector.Xrm.Sdk.Tests;

public class InvalidPluginExecutionExceptionTests
{
    private const int IsvAborted = unchecked((int)0x80040265);

    [Fact]
    public void MessageConstructor_FailsWithIsvAbortedCode()
    {
        var exception = new InvalidPluginExecutionException("No email address.");

        Assert.Equal("No email address.", exception.Message);
        Assert.Equal(OperationStatus.Failed, exception.Status);
        Assert.Equal(IsvAborted, exception.ErrorCode);
    }

    [Fact]
    public void StatusConstructors_KeepStatusAndCode()
    {
        Assert.Equal(OperationStatus.Retry, new InvalidPluginExecutionException(OperationStatus.Retry).Status);
        Assert.Equal(OperationStatus.Canceled, new InvalidPluginExecutionException(OperationStatus.Canceled, "stop").Status);

        var coded = new InvalidPluginExecutionException(OperationStatus.Suspended, 42, "later");
        Assert.Equal(OperationStatus.Suspended, coded.Status);
        Assert.Equal(42, coded.ErrorCode);
        Assert.Equal("later", coded.Message);
    }

    [Fact]
    public void InnerExceptionConstructor_KeepsInner()
    {
        var inner = new InvalidOperationException("boom");

        var exception = new InvalidPluginExecutionException("wrapped", inner);

        Assert.Same(inner, exception.InnerException);
        Assert.Equal(OperationStatus.Failed, exception.Status);
    }

    [Fact]
    public void OperationStatus_HasRealValues()
    {
        Assert.Equal(0, (int)OperationStatus.Failed);
        Assert.Equal(1, (int)OperationStatus.Canceled);
        Assert.Equal(2, (int)OperationStatus.Retry);
        Assert.Equal(3, (int)OperationStatus.Suspended);
        Assert.Equal(4, (int)OperationStatus.Succeeded);
    }
}
