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

    public const string MissingImageFormat =
        "EmailConnector's {0} step did not receive its '{1}' image. Ask your administrator to check the plug-in step registration.";

    public const string MissingParameterFormat =
        "EmailConnector's {0} step did not receive the '{1}' input it needs.";

    public const string InvalidSenderFormat =
        "The sender address '{0}' is not a valid email address. Enter an address such as news@example.com.";

    public const string InvalidReplyToFormat =
        "The reply-to address '{0}' is not a valid email address. Enter an address such as replies@example.com, or leave it empty.";

    public const string NotAnEmailPlatformActivity =
        "This campaign activity does not use the Email platform channel. Set its channel to Email platform first.";

    public const string NoPlatformAccount =
        "This campaign activity has no email platform account. Choose one in the Email platform section and save the activity.";

    public const string NoMarketingList =
        "This campaign activity has no marketing list. Add at least one marketing list before transferring recipients.";

    public const string TransferAlreadyRunning =
        "A transfer of recipients is already queued or running for this campaign activity. Wait until it has finished.";

    public const string ActivityClosed =
        "This campaign activity is closed or canceled; its recipients can no longer be transferred.";

    public const string ListNotSynced =
        "This marketing list is not synced to an email platform. Turn on \"Sync to platform\" for the list first.";

    public const string InvalidLanguageFormat =
        "'{0}' is not a language the report can be written in. Choose a language such as en-US or de-DE.";

    public const string InvalidTimeZoneFormat =
        "'{0}' is not a time zone name. Choose a time zone such as Europe/Berlin or UTC.";

    public const string UnknownCustomApiFormat =
        "EmailConnector's {0} handler does not handle the '{1}' request. Ask your administrator to check the custom API registration.";

    public const string TransferQueued = "The transfer of recipients has been queued; the activity shows its progress.";

    public const string ReportQueued = "The report has been requested; it will be attached to the campaign activity as a note.";

    public const string SyncQueued = "The sync has been queued and will start shortly.";

    public static string UnexpectedError(Guid correlationId) => Format(UnexpectedErrorFormat, correlationId);

    public static string MissingService(Type serviceType) => Format(MissingServiceFormat, serviceType.Name);

    public static string WrongRegistration(string stepName, string actualMessage, string actualTable, int actualStage,
        string expectedMessage, string expectedTable, int expectedStage) =>
        Format(WrongRegistrationFormat, stepName, actualMessage, actualTable, actualStage, expectedMessage, expectedTable, expectedStage);

    public static string MissingTarget(string stepName) => Format(MissingTargetFormat, stepName);

    public static string MissingImage(string stepName, string alias) => Format(MissingImageFormat, stepName, alias);

    public static string MissingParameter(string stepName, string name) => Format(MissingParameterFormat, stepName, name);

    // Sender and reply-to are the organization's own addresses, not recipients' data, so the message may repeat them.
    public static string InvalidSender(string address) => Format(InvalidSenderFormat, address);

    public static string InvalidReplyTo(string address) => Format(InvalidReplyToFormat, address);

    public static string InvalidLanguage(string language) => Format(InvalidLanguageFormat, language);

    public static string InvalidTimeZone(string timeZone) => Format(InvalidTimeZoneFormat, timeZone);

    public static string UnknownCustomApi(string handler, string message) => Format(UnknownCustomApiFormat, handler, message);

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
