using Microsoft.Extensions.Hosting;

namespace EmailConnector.Worker;

/// <summary>
/// A hosted loop that runs one pass, then waits its interval on the injected clock (so tests move it with a fake
/// clock). A failing pass is reported and the next one runs on time; a disabled service returns at once.
/// </summary>
public abstract class PeriodicService(TimeProvider time) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    protected abstract bool Enabled { get; }

    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunPassAsync(CancellationToken cancellationToken);

    protected abstract void PassFailed(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunPassAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                PassFailed(exception);
            }

            try
            {
                await Task.Delay(Interval, Time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
