using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;
using EmailConnector.Core.Recipients;
using EmailConnector.Dataverse;
using EmailConnector.Dataverse.Rows;
using EmailConnector.Worker.Operations;
using Microsoft.Extensions.Logging;

namespace EmailConnector.Worker.Reactions;

/// <summary>
/// One closed, outgoing email activity per recipient and campaign activity, created from the send event, with as much
/// content as the activity's <c>ec_emailactivitymode</c> asks for (Core's <see cref="EmailActivityRules"/>). The id
/// is derived from the activity and the recipient, so a replayed send finds its email instead of creating another.
/// </summary>
/// <remarks>
/// Emails are created with their parties inline (<c>email_activity_parties</c>) through <see cref="BulkCreates"/>.
/// Closed activities are read-only, so an existing email is never written again.
/// </remarks>
public sealed class EmailActivityWriter(DataverseClient client, BulkCreates creator, IEmailPlatformProvider platforms, ILogger<EmailActivityWriter> logger)
{
    private const int Sent = 3;
    private const int Completed = 1;

    internal async Task WriteAsync(Guid platformAccountId, IReadOnlyList<ReactionEvent> events, IReadOnlyDictionary<string, ReactionActivity> activities, CancellationToken cancellationToken)
    {
        var sends = events
            .Where(e => e.ListId is not null && activities.TryGetValue(e.ListId, out var a) && EmailActivityRules.ShouldCreate(a.EmailMode, e.Kind))
            .OrderBy(e => e.OccurredAt)
            .DistinctBy(e => EmailIdOf(activities[e.ListId!], e))
            .ToList();
        if (sends.Count == 0)
            return;
        var existing = await ReadExistingAsync(sends.Select(e => EmailIdOf(activities[e.ListId!], e)), cancellationToken).ConfigureAwait(false);
        var archive = platforms.For(platformAccountId) as IMailingArchive;
        var contents = new Dictionary<(Guid, string?), EmailActivityContent>();
        var senders = new Dictionary<(Guid, string?), string?>();
        var rows = new List<DataverseRow>();
        foreach (var byActivity in sends.GroupBy(e => activities[e.ListId!]))
        {
            var activity = byActivity.Key;
            var created = 0;
            foreach (var send in byActivity)
            {
                var id = EmailIdOf(activity, send);
                if (existing.Contains(id))
                    continue;
                var key = (activity.Id, send.MailingId);
                if (!contents.TryGetValue(key, out var content))
                {
                    var mailing = archive is not null && send.MailingId is not null
                        ? await archive.GetMailingContentAsync(send.MailingId, cancellationToken).ConfigureAwait(false)
                        : null;
                    content = ContentFor(activity, send, mailing);
                    contents[key] = content;
                    senders[key] = FirstAddress(mailing?.FromAddress, activity.Sender);
                }

                rows.Add(Row(id, activity, send, content, senders[key]));
                created++;
            }

            WriteBackLog.EmailActivitiesWritten(logger, activity.Id, created, byActivity.Count() - created);
        }

        if (rows.Count > 0)
            await creator.CreateAsync("emails", "email", rows, cancellationToken).ConfigureAwait(false);
    }

    private EmailActivityContent ContentFor(ReactionActivity activity, ReactionEvent send, MailingContent? mailing)
    {
        var subject = FirstText(mailing?.Subject, activity.Subject) ?? "Mailing";
        if (activity.EmailMode == EmailActivityMode.Complete && string.IsNullOrEmpty(mailing?.ImpersonalHtmlBody))
        {
            WriteBackLog.BodyUnavailable(logger, activity.Id, send.MailingId);
            return EmailActivityRules.ContentFor(EmailActivityMode.Subject, subject, null)!;
        }

        return EmailActivityRules.ContentFor(activity.EmailMode, subject, mailing?.ImpersonalHtmlBody)!;
    }

    private DataverseRow Row(Guid id, ReactionActivity activity, ReactionEvent send, EmailActivityContent content, string? sender)
    {
        var row = new DataverseRow()
            .Set("activityid", id)
            .Set("subject", content.Subject)
            .Set("directioncode", true)
            .Set("senton", send.OccurredAt)
            .Set("actualend", send.OccurredAt)
            .Set("statecode", Completed)
            .Set("statuscode", Sent)
            .Bind("regardingobjectid_campaignactivity_email", EntitySets.CampaignActivities, activity.Id);
        if (content.Body is not null)
            row.Set("description", content.Body);
        return row.WithParties("email",
            sender is null ? null : ActivityParties.Address(sender, ActivityParties.Sender),
            ActivityParties.Record(send.Record!.Value, ActivityParties.ToRecipient));
    }

    private async Task<HashSet<Guid>> ReadExistingAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var found = new HashSet<Guid>();
        foreach (var batch in FetchValueBatches.Of(ids.Select(id => id.ToString("D"))))
        {
            var fetch = ReactionQueries.In("email", "activityid", batch, "activityid");
            await foreach (var row in client.FetchAsync("emails", fetch, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (row.GetGuid("activityid") is { } id)
                    found.Add(id);
            }
        }

        return found;
    }

    internal static Guid EmailIdOf(ReactionActivity activity, ReactionEvent send) => EmailIdOf(activity.Id, send.Record!.Value);

    internal static Guid EmailIdOf(Guid campaignActivityId, RecordReference recipient) =>
        NameBasedGuid.Create(EmailActivityRules.ActivityKey(campaignActivityId, recipient));

    private static string? FirstAddress(params string?[] candidates) =>
        candidates.FirstOrDefault(EmailAddressRules.IsValid)?.Trim();

    private static string? FirstText(params string?[] candidates) =>
        candidates.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c))?.Trim();
}
