using EmailConnector.Core.Platforms;
using EmailConnector.Schema;
using EmailConnector.Worker.Health;
using EmailConnector.Worker.Operations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmailConnector.Worker.Queue;

/// <summary>
/// One pass over the queue: find claimable rows, claim each with its ETag and a lease, run its handler in isolation,
/// and record the outcome (Succeeded, Pending with a next attempt time, or Parked). Cancellation hands the current
/// row back.
/// </summary>
public sealed class QueueProcessor(
    SyncRequestStore store,
    OperationDispatcher dispatcher,
    RetryPolicy retry,
    WorkerIdentity identity,
    IOptions<QueueOptions> queueOptions,
    IOptions<WorkerOptions> workerOptions,
    WorkerMetrics metrics,
    WorkerStatus status,
    TimeProvider time,
    ILogger<QueueProcessor> logger)
{
    private readonly QueueOptions _options = queueOptions.Value;

    /// <summary>Processes what is due now; returns how many requests this worker handled.</summary>
    public async Task<int> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var due = await store.FindClaimableAsync(time.GetUtcNow(), _options.BatchSize, cancellationToken).ConfigureAwait(false);
        var handled = 0;
        foreach (var row in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (row.State == QueueState.InProgress)
                Log.TakingOver(logger, row.Id, row.LeaseOwner, row.LeaseExpiresOn);

            var claimed = await store.TryClaimAsync(row, identity.LeaseOwner, time.GetUtcNow() + _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
            if (claimed is null)
            {
                Log.ClaimLost(logger, row.Id);
                continue;
            }

            await ProcessAsync(claimed, cancellationToken).ConfigureAwait(false);
            handled++;
        }

        return handled;
    }

    private async Task ProcessAsync(SyncRequestRecord request, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["SyncRequestId"] = request.Id,
            ["CorrelationId"] = request.CorrelationId,
            ["Operation"] = request.Operation.ToString(),
        });
        var started = time.GetTimestamp();
        Log.RequestStarted(logger, request.Id, request.Operation, request.Attempts);
        try
        {
            try
            {
                await dispatcher.DispatchAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await ReleaseAsync(request).ConfigureAwait(false);
                throw;
            }
            catch (Exception exception)
            {
                await FailAsync(request, exception, started, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (await store.CompleteAsync(request, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                var elapsed = time.GetElapsedTime(started);
                Log.RequestSucceeded(logger, request.Id, request.Operation, (long)elapsed.TotalMilliseconds);
                metrics.RequestFinished(request.Operation, RequestOutcome.Succeeded, elapsed);
                status.Succeeded(request.Operation.ToString(), time.GetUtcNow());
            }
            else
                Log.LeaseLost(logger, request.Id, QueueState.Succeeded);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // Dataverse refused the outcome write: the lease runs out and a later pass (here or elsewhere) repeats the
            // request, which handlers are built to survive.
            Log.RequestWriteBackFailed(logger, exception, request.Id);
        }
    }

    private async Task FailAsync(SyncRequestRecord request, Exception exception, long started, CancellationToken cancellationToken)
    {
        var error = Describe(exception);
        var errorType = exception.GetType().Name;
        var parked = IsPermanent(exception) || retry.IsExhausted(request.Attempts);
        metrics.RequestFinished(request.Operation, parked ? RequestOutcome.Parked : RequestOutcome.Retried, time.GetElapsedTime(started));
        status.Failed(request.Operation.ToString(), time.GetUtcNow(), errorType);
        if (parked)
        {
            Log.RequestParked(logger, exception, request.Id, request.Operation, request.Attempts, errorType);
            if (!await store.ParkAsync(request, error, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
                Log.LeaseLost(logger, request.Id, QueueState.Parked);
            return;
        }

        var next = time.GetUtcNow() + retry.DelayAfter(request.Attempts);
        Log.RequestRetrying(logger, exception, request.Id, request.Operation, request.Attempts, errorType, next);
        if (!await store.ScheduleRetryAsync(request, error, next, cancellationToken).ConfigureAwait(false))
            Log.LeaseLost(logger, request.Id, QueueState.Pending);
    }

    private async Task ReleaseAsync(SyncRequestRecord request)
    {
        // The stopping token is already cancelled; the hand-back gets its own short budget.
        using var budget = new CancellationTokenSource(workerOptions.Value.ShutdownReleaseTimeout, time);
        var released = false;
        try
        {
            released = await store.ReleaseAsync(request, budget.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.RequestWriteBackFailed(logger, exception, request.Id);
        }

        Log.RequestReleased(logger, request.Id, released);
    }

    internal static bool IsPermanent(Exception exception) => exception is PermanentRequestException
        or EmailPlatformException { IsTransient: false }
        or NotSupportedException
        or ArgumentException;

    internal static string Describe(Exception exception) => exception.GetType().Name + ": " + exception.Message;
}
