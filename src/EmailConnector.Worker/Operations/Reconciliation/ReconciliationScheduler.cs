using EmailConnector.Core.Platforms;
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
    ILogger<ReconciliationScheduler> logger) : PeriodicService(time)
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

    protected override bool Enabled => options.Value.Enabled;

    protected override TimeSpan Interval => options.Value.Interval;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    protected override void PassFailed(Exception exception) => OperationLog.ReconciliationPassFailed(logger, exception);
}
