using System;
using System.Globalization;

namespace EmailConnector.Plugins.Infrastructure;

/// <summary>
/// The texts a Dataverse user sees when a step stops their operation. They name no internals and never carry a stack
/// trace; the correlation id lets an administrator find the detail in the plug-in trace log.
/// </summary>
public static class ErrorMessages
{
    public const string UnexpectedErrorFormat =
        "EmailConnector could not complete this operation because of an unexpected error. Please try again; if it keeps happening, "
        + "give your administrator this reference: {0}.";

    public const string MissingServiceFormat =
        "EmailConnector could not run because Dataverse did not provide the {0} service to its plug-in.";

    public const string WrongRegistrationFormat =
        "EmailConnector's {0} step is registered for {1} of {2} at stage {3}, but it only handles {4} of {5} at stage {6}. "
        + "Ask your administrator to check the plug-in step registration.";

    public const string MissingTargetFormat =
        "EmailConnector's {0} step received no record to work on (the 'Target' input parameter is missing or not a record).";

    public static string UnexpectedError(Guid correlationId) => Format(UnexpectedErrorFormat, correlationId);

    public static string MissingService(Type serviceType) => Format(MissingServiceFormat, serviceType.Name);

    public static string WrongRegistration(string stepName, string actualMessage, string actualTable, int actualStage,
        string expectedMessage, string expectedTable, int expectedStage) =>
        Format(WrongRegistrationFormat, stepName, actualMessage, actualTable, actualStage, expectedMessage, expectedTable, expectedStage);

    public static string MissingTarget(string stepName) => Format(MissingTargetFormat, stepName);

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
