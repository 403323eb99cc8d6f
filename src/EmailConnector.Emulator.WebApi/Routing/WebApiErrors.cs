using System.ServiceModel;
using EmailConnector.Emulator.Faults;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.WebApi.Routing;

/// <summary>
/// The front's own error codes and the status each core fault maps to. Codes from dataverse.md §3.12 and §4.1 are
/// Dataverse's; the ones marked "emulator-chosen" stand where no documented code is known.
/// </summary>
public static class WebApiErrors
{
    /// <summary>OData parse and validation errors (unknown property, bad literal, bad $ref): dataverse.md §3.12.</summary>
    public const string BadRequest = "0x80060888";

    /// <summary>"Resource not found for the segment …": emulator.md §2.7.</summary>
    public const string ResourceNotFound = "0x8006088a";

    /// <summary>Missing or invalid bearer token: emulator-chosen (Dataverse answers 401 from its gateway).</summary>
    public const string Unauthorized = "0x80048306";

    /// <summary>A feature the emulator does not implement: emulator-chosen, with status 501.</summary>
    public const string NotImplementedCode = "0x80048d0b";

    /// <summary>An unexpected failure of the emulator itself (status 500): emulator-chosen.</summary>
    public const string Unexpected = "0x80040216";

    public static WebApiException Malformed(string message) => new(400, BadRequest, message);

    public static WebApiException NoSegment(string segment) => new(404, ResourceNotFound, $"Resource not found for the segment '{segment}'.");

    public static WebApiException NoProperty(string property, string table) =>
        new(400, BadRequest, $"Could not find a property named '{property}' on type 'Microsoft.Dynamics.CRM.{table}'.");

    public static WebApiException NotImplemented(string feature) =>
        new(501, NotImplementedCode, $"The Dataverse emulator's Web API front does not support {feature}.");

    /// <summary>The HTTP status Dataverse answers a fault with (dataverse.md §3.7, §3.12, §4.1).</summary>
    public static int StatusOf(OrganizationServiceFault fault)
    {
        var code = unchecked((uint)fault.ErrorCode);
        if (code == ErrorCodes.ObjectDoesNotExist.Code)
            return 404;
        if (code == ErrorCodes.ConcurrencyVersionMismatch.Code || code == ErrorCodes.DuplicateRecord.Code)
            return 412;
        if (code == ErrorCodes.ThrottlingRequests.Code || code == ErrorCodes.ThrottlingTime.Code || code == ErrorCodes.ThrottlingConcurrency.Code)
            return 429;
        return 400;
    }

    public static WebApiException FromFault(FaultException<OrganizationServiceFault> fault)
    {
        var detail = fault.Detail.InnerFault is { } inner && fault.Detail is ExecuteTransactionFault ? inner : fault.Detail;
        return new WebApiException(StatusOf(detail), Hex(detail.ErrorCode), detail.Message ?? fault.Message);
    }

    public static string Hex(int code) => "0x" + unchecked((uint)code).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
}
