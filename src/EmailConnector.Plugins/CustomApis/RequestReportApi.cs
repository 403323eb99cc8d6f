using System.Globalization;
using System.Text.RegularExpressions;
using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.CustomApis;

/// <summary>
/// ec_RequestReport (action bound to campaignactivity): queues RequestReport with the language and time zone; a second
/// request while one is pending replaces its parameters.
/// </summary>
[CustomApiHandler(CustomApiNames.RequestReport.Name)]
public sealed class RequestReportApi : PluginBase
{
    // IANA ids: "UTC", or Area/Location[/Sub] with letters, digits, '_', '-', '+'. The worker resolves them; this only
    // stops obvious mistakes (a Windows id such as "W. Europe Standard Time" has blanks and no slash).
    private static readonly Regex TimeZonePattern = new Regex(@"^(UTC|[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){1,2})$", RegexOptions.CultureInvariant);

    protected override void ExecuteStep(StepContext context)
    {
        var activityId = context.TargetReference.Id;
        ActivityForTransfer.Read(context, activityId).RequirePlatform();
        var language = context.Input<string>(CustomApiNames.RequestReport.RequestLanguage).Trim();
        var timeZone = context.Input<string>(CustomApiNames.RequestReport.RequestTimeZone).Trim();
        if (!IsLanguage(language))
            throw new InvalidPluginExecutionException(ErrorMessages.InvalidLanguage(language));
        if (!TimeZonePattern.IsMatch(timeZone))
            throw new InvalidPluginExecutionException(ErrorMessages.InvalidTimeZone(timeZone));

        var id = new SyncRequestWriter(context).Enqueue(new SyncRequestDraft(SyncOperation.RequestReport, CampaignActivityColumns.EntityName, activityId)
        {
            CampaignActivityId = activityId,
            Parameters = new JsonText().BeginObject().Property("language", language).Property("timeZone", timeZone).EndObject().ToString(),
        });
        context.PluginContext.OutputParameters[CustomApiNames.RequestReport.SyncRequestId] = id;
        context.PluginContext.OutputParameters[CustomApiNames.RequestReport.Message] = ErrorMessages.ReportQueued;
    }

    private static bool IsLanguage(string tag)
    {
        if (tag.Length == 0 || tag.Length > 35)
            return false;
        try
        {
            return !CultureInfo.GetCultureInfo(tag).Equals(CultureInfo.InvariantCulture);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
