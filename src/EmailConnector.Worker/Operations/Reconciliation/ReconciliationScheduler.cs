using EmailConnector.Core.Platforms;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmailConnector.Worker.Operations.Reconciliation;

/// <summary>
/// Runs <see cref="SuppressionReconciler"/> for every active platform account every <see cref="ReconciliationOptions.Interval"/>.
/// A failing account is logged and the others go on; the next pass repeats it (reconciliation is idempotent).
/// </summary>
public sealed class ReconciliationScheduler(
    PlatformAccounts accounts,
    IEmailPlatformProvider platforms,
    SuppressionReconciler reconciler,
    IOptions<ReconciliationOptions> options,
    TimeProvider time,
    ILogger<ReconciliationScheduler> logger) : BackgroundService
{
    /// <summary>One pass over every active account; returns the number of accounts that failed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var failed = 0;
        foreach (var account in await accounts.ActiveAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                IEmailPlatform platform = platforms.For(account);
                await reconciler.ReconcileAsync(account, platform, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                failed++;
                OperationLog.ReconciliationFailed(logger, exception, account);
            }
        }

        return failed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                OperationLog.ReconciliationPassFailed(logger, exception);
            }

            try
            {
                await Task.Delay(options.Value.Interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
