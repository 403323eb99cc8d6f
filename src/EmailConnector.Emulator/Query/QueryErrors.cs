using EmailConnector.Emulator.Faults;

namespace EmailConnector.Emulator.Query;

/// <summary>The one place the query engine creates its exceptions; faults come from the emulator's fault table.</summary>
internal static class QueryErrors
{
    public static NotSupportedException Unsupported(string feature) =>
        new($"The Dataverse emulator's query engine does not support {feature}.");

    public static Exception InvalidQuery(string message) => OrganizationFaults.Create(ErrorCodes.InvalidArgument, message);
}
