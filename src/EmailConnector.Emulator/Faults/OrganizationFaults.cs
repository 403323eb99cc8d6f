using System.ServiceModel;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Faults;

/// <summary>Builds the FaultException&lt;OrganizationServiceFault&gt; a Dataverse SDK caller would catch.</summary>
public static class OrganizationFaults
{
    public static FaultException<OrganizationServiceFault> Create(ErrorCode code, string message, OrganizationServiceFault? inner = null)
    {
        var fault = new OrganizationServiceFault { ErrorCode = code.Value, Message = message, InnerFault = inner };
        return new FaultException<OrganizationServiceFault>(fault, new FaultReason(message));
    }

    public static FaultException<OrganizationServiceFault> Wrap(OrganizationServiceFault fault) =>
        new(fault, new FaultReason(fault.Message ?? string.Empty));

    public static FaultException<OrganizationServiceFault> NotFound(string table, Guid id) =>
        Create(ErrorCodes.ObjectDoesNotExist, $"{table} With Id = {id} Does Not Exist");

    public static FaultException<OrganizationServiceFault> NotFoundByKey(string table, string keyDescription) =>
        Create(ErrorCodes.ObjectDoesNotExist, $"A record with the specified key values does not exist in {table} entity ({keyDescription})");

    public static FaultException<OrganizationServiceFault> DuplicateKey(string table, string keyDescription) =>
        Create(ErrorCodes.DuplicateRecord, $"A record that has the attribute values {keyDescription} already exists on {table}. The entity key requires that this set of attributes contains unique values.");

    public static FaultException<OrganizationServiceFault> DuplicateId(string table, Guid id) =>
        Create(ErrorCodes.DuplicateRecord, $"Cannot insert duplicate key: a {table} with id {id} already exists.");

    public static FaultException<OrganizationServiceFault> UnknownEntity(string? table) =>
        Create(ErrorCodes.UnknownEntity, $"The entity with a name = '{table}' with namemapping = 'Logical' was not found in the MetadataCache.");

    public static FaultException<OrganizationServiceFault> UnknownAttribute(string table, string column) =>
        Create(ErrorCodes.UnknownAttribute, $"'{table}' entity doesn't contain attribute with Name = '{column}' and NameMapping = 'Logical'.");

    public static FaultException<OrganizationServiceFault> InvalidValueType(string table, string column, object value, string expected) =>
        Create(ErrorCodes.InvalidAttributeValueType, $"Incorrect attribute value type {value.GetType().FullName} for '{table}.{column}'; expected {expected}.");

    public static FaultException<OrganizationServiceFault> StringTooLong(string table, string column, int maxLength) =>
        Create(ErrorCodes.StringLengthOrValueOutOfRange, $"A validation error occurred. The length of the '{column}' attribute of the '{table}' entity exceeded the maximum allowed length of '{maxLength}'.");

    public static FaultException<OrganizationServiceFault> OutOfRange(string table, string column, object value) =>
        Create(ErrorCodes.StringLengthOrValueOutOfRange, $"A validation error occurred. The value {value} of '{column}' on record of type '{table}' is outside the valid range.");

    public static FaultException<OrganizationServiceFault> InvalidOption(string table, string column, int value) =>
        Create(ErrorCodes.StringLengthOrValueOutOfRange, $"A validation error occurred. The value {value} of '{column}' on record of type '{table}' is outside the valid range.");

    public static FaultException<OrganizationServiceFault> InvalidState(string table, int state, int status) =>
        Create(ErrorCodes.InvalidStateTransition, $"{status} is not a valid status code for state code {table}State.{state}.");

    public static FaultException<OrganizationServiceFault> ConcurrencyMismatch() =>
        Create(ErrorCodes.ConcurrencyVersionMismatch, "The version of the existing record doesn't match the RowVersion property provided.");

    public static FaultException<OrganizationServiceFault> InfiniteLoop() =>
        Create(ErrorCodes.InfiniteLoop, "This workflow job was canceled because the workflow that started it included an infinite loop. Correct the workflow logic and try again.");

    public static FaultException<OrganizationServiceFault> InvalidArgument(string message) =>
        Create(ErrorCodes.InvalidArgument, message);

    public static FaultException<OrganizationServiceFault> PluginFailed(InvalidPluginExecutionException exception) =>
        Create(new ErrorCode(ErrorCodes.IsvAborted.Name, unchecked((uint)exception.ErrorCode), ErrorCodes.IsvAborted.Source), exception.Message);

    public static FaultException<OrganizationServiceFault> PluginUnexpected() =>
        Create(ErrorCodes.IsvUnexpected, "An unexpected error occurred from ISV code.");
}
