using EmailConnector.Core.Platforms;

namespace EmailConnector.Testing.Platforms;

/// <summary>How the <see cref="InMemoryEmailPlatform"/> behaves: its features, limits and injected faults.</summary>
public sealed class InMemoryEmailPlatformOptions
{
    /// <summary>Every feature the contract knows. Default: all of them.</summary>
    public const PlatformFeatures AllFeatures =
        PlatformFeatures.Sends | PlatformFeatures.Opens | PlatformFeatures.Clicks | PlatformFeatures.Bounces |
        PlatformFeatures.Unsubscribes | PlatformFeatures.Replies | PlatformFeatures.Complaints |
        PlatformFeatures.NewSubscribers | PlatformFeatures.ListLevelUnsubscribe | PlatformFeatures.Erase |
        PlatformFeatures.Reports | PlatformFeatures.SendFromCrm | PlatformFeatures.SharedAddresses;

    public PlatformFeatures Features { get; init; } = AllFeatures;

    public int MaxImportBatchSize { get; init; } = 1000;

    public int MaxFieldLength { get; init; } = 255;

    public int MaxListNameLength { get; init; } = 255;

    public int MaxReactionPageSize { get; init; } = 1000;

    /// <summary>Share of calls (0–1) that fail with <see cref="PlatformTransientException"/> before any effect.</summary>
    public double TransientFailureRate { get; init; }

    /// <summary>
    /// Share of calls (0–1) whose effect happens but whose answer is lost (a timeout after the platform acted):
    /// the caller sees <see cref="PlatformTransientException"/> and must retry idempotently.
    /// </summary>
    public double LostResponseRate { get; init; }

    /// <summary>Seed of the fault-injection random numbers, so a failing run repeats exactly.</summary>
    public int Seed { get; init; } = 1;
}
