using EmailConnector.Core.Platforms;
using EmailConnector.Core.Recipients;
using EmailConnector.Dataverse;
using EmailConnector.Schema;
using EmailConnector.Worker.Operations.Transfer;
using EmailConnector.Worker.Queue;
using Microsoft.Extensions.Logging;

namespace EmailConnector.Worker.Operations;

/// <summary>
/// UpdateRecipient: a mapped column of a transferred contact or lead changed. The platform contact is keyed by the
/// record, so the current address and fields (mapped exactly as the transfer maps them) go to
/// <see cref="IEmailPlatform.UpdateRecipientAsync"/>; a new address is a rename of the same contact. A record the
/// platform does not know (never transferred) or one deleted since is not an error. Nobody is subscribed by an update.
/// </summary>
public sealed class UpdateRecipientHandler(
    DataverseClient client,
    PlatformAccounts accounts,
    TimeProvider time,
    ILogger<UpdateRecipientHandler> logger) : IOperationHandler
{
    public SyncOperation Operation => SyncOperation.UpdateRecipient;

    public async Task HandleAsync(SyncRequestRecord request, CancellationToken cancellationToken)
    {
        var record = RecipientRequest.RecordOf(request);
        var marks = new RecipientMarks(client, time);
        foreach (var (account, platform) in await accounts.PlatformsAsync(cancellationToken).ConfigureAwait(false))
        {
            var fields = await MemberFields.LoadAsync(client, account, record.LogicalName, cancellationToken).ConfigureAwait(false);
            var columns = fields.Columns.Append("emailaddress1").Concat(RecipientMarks.Columns).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            var row = await client.TryRetrieveAsync(RecipientRequest.EntitySetOf(record), record.Id, RetrieveOptions.Columns(columns), cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                // Deleted meanwhile: its Erase request does the rest.
                OperationLog.RecipientGone(logger, record.LogicalName, record.Id, Operation);
                return;
            }

            var address = row.GetString("emailaddress1");
            if (!EmailAddressRules.IsValid(address))
            {
                var reason = string.IsNullOrWhiteSpace(address) ? ExclusionReason.NoAddress : ExclusionReason.MalformedAddress;
                marks.Set(record, row, null, reason + ": not updated at the email platform, the record has no valid email address.");
                OperationLog.RecipientNotUpdated(logger, record.LogicalName, record.Id, reason.ToString());
                continue;
            }

            var mapped = fields.Mapper.Push(fields.ValuesOf(row), platform.Capabilities.MaxFieldLength);
            var outcome = await platform.UpdateRecipientAsync(new PlatformRecipient(record, address!.Trim(), mapped.Values), cancellationToken).ConfigureAwait(false);
            switch (outcome.Kind)
            {
                case RecipientOutcomeKind.NotFound:
                    OperationLog.RecipientNotOnPlatform(logger, record.LogicalName, record.Id, Operation);
                    break;
                case RecipientOutcomeKind.Rejected:
                    marks.Set(record, row, SyncStatus.Error, RecipientMarks.Rejected(outcome.Rejection));
                    OperationLog.RecipientNotUpdated(logger, record.LogicalName, record.Id, outcome.Rejection?.Reason.ToString() ?? "Rejected");
                    break;
                default:
                    marks.Set(record, row, SyncStatus.Synced, null);
                    OperationLog.RecipientUpdated(logger, record.LogicalName, record.Id, platform.Capabilities.PlatformName);
                    break;
            }
        }

        await marks.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
