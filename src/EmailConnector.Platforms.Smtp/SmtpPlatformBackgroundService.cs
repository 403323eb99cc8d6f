using Microsoft.Extensions.Hosting;

namespace EmailConnector.Platforms.Smtp;

/// <summary>
/// Every poll interval: starts scheduled mailings that are due, retries deferred deliveries, takes over deliveries
/// whose claim expired (a crashed worker's), and reads the bounce mailbox. Migrates the store at start.
/// </summary>
internal sealed class SmtpPlatformBackgroundService(SmtpEmailPlatform platform, SmtpPlatformRuntime runtime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await runtime.ReadyAsync(stoppingToken);
        using var timer = new PeriodicTimer(runtime.Options.PollInterval, runtime.Time);
        do
        {
            await RoundAsync(() => platform.DeliverDueAsync(stoppingToken));
            if (runtime.Options.Intake.Mode != IntakeMode.None)
                await RoundAsync(() => platform.ProcessBounceMailboxAsync(stoppingToken));
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RoundAsync(Func<Task<int>> round)
    {
        try
        {
            await round();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One failed round (store or relay down, a mailbox error) must not stop the worker; the next round retries.
            Log.BackgroundRoundFailed(runtime.Logger, e.GetType().Name);
        }
    }
}
