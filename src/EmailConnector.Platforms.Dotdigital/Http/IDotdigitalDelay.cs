namespace EmailConnector.Platforms.Dotdigital.Http;

/// <summary>
/// Every wait of the adapter (rate-limit resets, backoff, import polling) goes through here, so tests replace it with
/// one that advances a fake clock instead of sleeping.
/// </summary>
public interface IDotdigitalDelay
{
    Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken);
}

/// <summary>Waits on the injected clock.</summary>
public sealed class TimeProviderDelay(TimeProvider time) : IDotdigitalDelay
{
    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, time, cancellationToken);
}
