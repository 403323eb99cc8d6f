using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

/// <summary>The only exception whose message a plugin can show to the caller.</summary>
public sealed class InvalidPluginExecutionException : Exception
{
    // 0x80040265 (IsvAborted): the error code Dataverse reports for an operation a plugin cancelled.
    private const int IsvAbortedErrorCode = unchecked((int)0x80040265);

    public InvalidPluginExecutionException()
        : this(OperationStatus.Failed, IsvAbortedErrorCode, null)
    {
    }

    public InvalidPluginExecutionException(OperationStatus status)
        : this(status, IsvAbortedErrorCode, null)
    {
    }

    public InvalidPluginExecutionException(string message)
        : this(OperationStatus.Failed, IsvAbortedErrorCode, message)
    {
    }

    public InvalidPluginExecutionException(OperationStatus status, string message)
        : this(status, IsvAbortedErrorCode, message)
    {
    }

    public InvalidPluginExecutionException(string message, Exception exception)
        : base(message, exception)
    {
        Status = OperationStatus.Failed;
        ErrorCode = IsvAbortedErrorCode;
    }

    public InvalidPluginExecutionException(OperationStatus status, int errorCode, string message)
        : base(message)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    private InvalidPluginExecutionException(SerializationInfo info, StreamingContext context)
        : base(info, context)
    {
        Status = (OperationStatus)info.GetInt32(nameof(Status));
        ErrorCode = info.GetInt32(nameof(ErrorCode));
    }

    public OperationStatus Status { get; }

    public int ErrorCode { get; }

    public override void GetObjectData(SerializationInfo info, StreamingContext context)
    {
        base.GetObjectData(info, context);
        info.AddValue(nameof(Status), (int)Status);
        info.AddValue(nameof(ErrorCode), ErrorCode);
    }
}
