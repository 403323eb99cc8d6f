using System.ServiceModel;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Query;

/// <summary>
/// The one place the query engine creates its exceptions, so the emulator's fault catalogue can take them over
/// without touching the engine.
/// </summary>
internal static class QueryErrors
{
    /// <summary>InvalidArgument, the generic code Dataverse uses for malformed query input.</summary>
    public const int InvalidArgumentCode = unchecked((int)0x80040203);

    public static NotSupportedException Unsupported(string feature) =>
        new($"The Dataverse emulator's query engine does not support {feature}.");

    public static Exception InvalidQuery(string message) => Fault(InvalidArgumentCode, message);

    public static Exception Fault(int errorCode, string message) =>
        new FaultException<OrganizationServiceFault>(
            new OrganizationServiceFault { ErrorCode = errorCode, Message = message },
            new FaultReason(message));
}
