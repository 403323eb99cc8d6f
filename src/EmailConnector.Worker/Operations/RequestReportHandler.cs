using System.Globalization;
using System.Text.Json;
using EmailConnector.Core.Platforms;
using EmailConnector.Dataverse;
using EmailConnector.Dataverse.Rows;
using EmailConnector.Schema;
using EmailConnector.Worker.Queue;
using EmailConnector.Worker.Reactions;
using EmailConnector.Worker.Reports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmailConnector.Worker.Operations;

/// <summary>
/// RequestReport (<c>ec_RequestReport</c>): refreshes the activity's key figures from the platform, renders them as a
/// PDF (<see cref="KeyFiguresReport"/>) in the requested language and time zone, and attaches it to the activity as a
/// note. The note's id is derived from the activity, so a replay or a later request replaces the one report note
/// instead of adding another.
/// </summary>
public sealed class RequestReportHandler(
    DataverseClient client,
    IEmailPlatformProvider platforms,
    KeyFiguresWriter keyFigures,
    TimeProvider time,
    IOptions<ReportOptions> options,
    ILogger<RequestReportHandler> logger) : IOperationHandler
{
    private static readonly string PlatformAccountValue = "_" + CampaignActivityColumns.PlatformAccountId + "_value";

    public SyncOperation Operation => SyncOperation.RequestReport;

    public async Task HandleAsync(SyncRequestRecord request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var activityId = SyncNowHandler.CampaignActivityOf(request, "Request report");
        PdfLicensing.Apply(options.Value);
        var activity = await client.TryRetrieveAsync(EntitySets.CampaignActivities, activityId, RetrieveOptions.Columns("subject", PlatformAccountValue), cancellationToken).ConfigureAwait(false)
            ?? throw new PermanentRequestException($"Campaign activity {activityId:D} no longer exists.");
        var account = activity.GetGuid(PlatformAccountValue)
            ?? throw new PermanentRequestException($"Campaign activity {activityId:D} has no email platform account.");
        if (!platforms.For(account).Capabilities.Supports(PlatformFeatures.Reports))
            throw new PermanentRequestException($"The email platform of campaign activity {activityId:D} provides no reports.");

        var figures = await keyFigures.UpdateAsync(activityId, cancellationToken).ConfigureAwait(false)
            ?? throw new PermanentRequestException($"Campaign activity {activityId:D} has no platform list yet: there is nothing to report.");
        var (culture, zone) = Settings(activityId, request.Parameters);
        var now = time.GetUtcNow();
        var title = string.IsNullOrWhiteSpace(activity.GetString("subject")) ? "Campaign activity" : activity.GetString("subject")!.Trim();
        var pdf = KeyFiguresReport.Render(figures, new ReportContext(title, culture, zone, now));

        var noteId = ReportNoteId(activityId);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var note = new DataverseRow()
            .Set("subject", "Key figures report")
            .Set("notetext", $"Key figures of the mailing as of {local.ToString("g", culture)} ({zone.Id}).")
            .Set("filename", $"key-figures-{local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.pdf")
            .Set("mimetype", "application/pdf")
            .Set("documentbody", Convert.ToBase64String(pdf))
            .Bind("objectid_campaignactivity", EntitySets.CampaignActivities, activityId);
        await client.UpsertAsync("annotations", noteId, note, cancellationToken: cancellationToken).ConfigureAwait(false);
        WriteBackLog.ReportAttached(logger, activityId, noteId, pdf.Length);
    }

    /// <summary>The one report note of an activity.</summary>
    public static Guid ReportNoteId(Guid campaignActivityId) => NameBasedGuid.Create($"report:{campaignActivityId:N}");

    // ec_RequestReport validated both; a worker whose runtime lacks the culture or zone falls back rather than failing.
    private (CultureInfo Culture, TimeZoneInfo Zone) Settings(Guid activityId, string? parameters)
    {
        string? language = null;
        string? zoneId = null;
        if (!string.IsNullOrWhiteSpace(parameters))
        {
            try
            {
                using var document = JsonDocument.Parse(parameters);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    language = document.RootElement.TryGetProperty("language", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
                    zoneId = document.RootElement.TryGetProperty("timeZone", out var z) && z.ValueKind == JsonValueKind.String ? z.GetString() : null;
                }
            }
            catch (JsonException exception)
            {
                throw new PermanentRequestException($"Request report of campaign activity {activityId:D}: ec_parameters is not JSON ({exception.Message}).");
            }
        }

        var culture = CultureInfo.InvariantCulture;
        if (!string.IsNullOrWhiteSpace(language))
        {
            try
            {
                culture = CultureInfo.GetCultureInfo(language, predefinedOnly: true);
            }
            catch (CultureNotFoundException)
            {
                WriteBackLog.ReportSettingUnknown(logger, activityId, "language", language, "the invariant culture");
            }
        }

        var zone = TimeZoneInfo.Utc;
        if (!string.IsNullOrWhiteSpace(zoneId) && !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out zone))
        {
            WriteBackLog.ReportSettingUnknown(logger, activityId, "time zone", zoneId, "UTC");
            zone = TimeZoneInfo.Utc;
        }

        return (culture, zone!);
    }
}
