using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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

    // Only cultures the runtime knows: GetCultureInfo alone accepts any well-formed tag on ICU-based runtimes.
    private static readonly HashSet<string> KnownCultures = new HashSet<string>(
        CultureInfo.GetCultures(CultureTypes.AllCultures).Select(c => c.Name).Where(n => n.Length > 0), StringComparer.OrdinalIgnoreCase);

    private static bool IsLanguage(string tag) => tag.Length > 0 && KnownCultures.Contains(tag);
}
