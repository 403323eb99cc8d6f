using EmailConnector.Core.Platforms;
using EmailConnector.Core.Recipients;
using EmailConnector.Dataverse;
using EmailConnector.Schema;
using EmailConnector.Worker.Queue;
using Microsoft.Extensions.Logging;

namespace EmailConnector.Worker.Operations;

/// <summary>
/// ConsentChanged: <c>donotbulkemail</c>, <c>donotemail</c> or <c>statecode</c> of a transferred contact or lead
/// changed (the columns are in <c>ec_changedcolumns</c>; the handler reads the record's current values, since several
/// changes may have coalesced). When bulk email is no longer allowed the recipient is unsubscribed globally at every
/// platform; a record the platform does not know gets its address suppressed instead, so it cannot be mailed through
/// another record or a later import. Opt-out only: a change back to "allow" changes nothing at the platform
/// (resubscribing is never automatic; the person subscribes again through the platform), and is logged.
/// </summary>
public sealed class ConsentChangedHandler(
    DataverseClient client,
    PlatformAccounts accounts,
    ILogger<ConsentChangedHandler> logger) : IOperationHandler
{
    public SyncOperation Operation => SyncOperation.ConsentChanged;

    public async Task HandleAsync(SyncRequestRecord request, CancellationToken cancellationToken)
    {
        var record = RecipientRequest.RecordOf(request);
        var row = await client.TryRetrieveAsync(
            RecipientRequest.EntitySetOf(record), record.Id, RetrieveOptions.Columns("emailaddress1", "donotbulkemail", "donotemail", "statecode"), cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            OperationLog.RecipientGone(logger, record.LogicalName, record.Id, Operation);
            return;
        }

        if (row.GetBoolean("donotbulkemail") != true && row.GetBoolean("donotemail") != true)
        {
            OperationLog.ConsentAllowsNoPlatformChange(logger, record.LogicalName, record.Id, request.ChangedColumns ?? string.Empty);
            return;
        }

        var address = row.GetString("emailaddress1");
        foreach (var (_, platform) in await accounts.PlatformsAsync(cancellationToken).ConfigureAwait(false))
        {
            var outcome = await platform.UnsubscribeAsync(new UnsubscribeRequest(record), cancellationToken).ConfigureAwait(false);
            var how = "Unsubscribe";
            if (outcome == ChangeOutcome.NotFound)
            {
                if (!EmailAddressRules.IsValid(address))
                {
                    OperationLog.ConsentNothingToSuppress(logger, record.LogicalName, record.Id, platform.Capabilities.PlatformName);
                    continue;
                }

                how = "Suppress";
                outcome = await platform.SuppressAsync(
                    new SuppressionRequest(EmailAddressRules.Normalize(address!), Core.Platforms.SuppressionReason.Unsubscribed, record), cancellationToken).ConfigureAwait(false);
            }

            OperationLog.ConsentOptOutApplied(logger, record.LogicalName, record.Id, platform.Capabilities.PlatformName, how, outcome);
        }
    }
}
