using EmailConnector.Worker.Operations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmailConnector.Worker.Queue;

/// <summary>
/// Keeps a long request's lease alive. Handlers call <see cref="RenewIfDueAsync"/> at their safe points (every page and
/// chunk of a transfer): once less than half of <see cref="QueueOptions.LeaseDuration"/> is left, the lease is extended
/// by a full duration with the claim's ETag. Renewing at safe points rather than on a timer keeps every write to the row
/// on one thread, so the ETag chain (checkpoint, renewal, outcome) never races with itself.
/// </summary>
public sealed class LeaseRenewal(SyncRequestStore store, IOptions<QueueOptions> options, TimeProvider time, ILogger<LeaseRenewal> logger)
{
    /// <summary>
    /// Renews the lease when half of it or more has passed; <see cref="LeaseLostException"/> when another worker took
    /// the row over, so the handler stops before doing more.
    /// </summary>
    public async Task RenewIfDueAsync(SyncRequestRecord request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var duration = options.Value.LeaseDuration;
        if (request.LeaseExpiresOn is { } expires && expires - now > duration / 2)
            return;
        var renewed = now + duration;
        if (!await store.RenewLeaseAsync(request, renewed, cancellationToken).ConfigureAwait(false))
        {
            OperationLog.LeaseRenewalLost(logger, request.Id);
            throw new LeaseLostException($"Sync request {request.Id:D} was taken over by another worker; its lease could not be renewed.");
        }

        OperationLog.LeaseRenewed(logger, request.Id, renewed);
    }
}
