using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmailConnector.Worker.Queue;

/// <summary>
/// The hosted loop: drain, and wait <c>PollInterval</c> when a pass found nothing. A failing pass (Dataverse
/// unreachable) waits with the same exponential backoff requests use, so an outage is not hammered.
/// </summary>
public sealed class QueueWorker(
    QueueProcessor processor,
    RetryPolicy retry,
    WorkerIdentity identity,
    Operations.OperationDispatcher dispatcher,
    IOptions<QueueOptions> options,
    TimeProvider time,
    ILogger<QueueWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.WorkerStarted(logger, identity.LeaseOwner, options.Value.PollInterval.TotalSeconds, string.Join(",", dispatcher.Operations.Order()));
        var failedPasses = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                TimeSpan wait;
                try
                {
                    var handled = await processor.DrainOnceAsync(stoppingToken).ConfigureAwait(false);
                    failedPasses = 0;
                    wait = handled == 0 ? options.Value.PollInterval : TimeSpan.Zero;
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    failedPasses++;
                    wait = retry.DelayAfter(failedPasses);
                    Log.PassFailed(logger, exception, failedPasses, wait.TotalSeconds);
                }

                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: the processor already handed back the request it was working on.
        }

        Log.WorkerStopped(logger, identity.LeaseOwner);
    }
}
