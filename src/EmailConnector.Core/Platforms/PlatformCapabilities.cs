using EmailConnector.Core.Reactions;

namespace EmailConnector.Core.Platforms;

/// <summary>Optional features of a platform. Members of <see cref="IEmailPlatform"/> that need one say so.</summary>
[Flags]
public enum PlatformFeatures
{
    None = 0,

    /// <summary>The <see cref="ReactionFeed.Sends"/> feed.</summary>
    Sends = 1 << 0,

    /// <summary>The <see cref="ReactionFeed.Opens"/> feed.</summary>
    Opens = 1 << 1,

    /// <summary>The <see cref="ReactionFeed.Clicks"/> feed.</summary>
    Clicks = 1 << 2,

    /// <summary>The <see cref="ReactionFeed.Bounces"/> feed.</summary>
    Bounces = 1 << 3,

    /// <summary>The <see cref="ReactionFeed.Unsubscribes"/> feed.</summary>
    Unsubscribes = 1 << 4,

    /// <summary>The <see cref="ReactionFeed.Replies"/> feed (replies and auto-replies kept apart).</summary>
    Replies = 1 << 5,

    /// <summary>The <see cref="ReactionFeed.Complaints"/> feed.</summary>
    Complaints = 1 << 6,

    /// <summary>The <see cref="ReactionFeed.NewSubscribers"/> feed (web-form sign-ups → leads).</summary>
    NewSubscribers = 1 << 7,

    /// <summary>Unsubscribing from one list only (otherwise every unsubscribe is global).</summary>
    ListLevelUnsubscribe = 1 << 8,

    /// <summary>Personal-data removal (<see cref="IEmailPlatform.EraseRecipientAsync"/>).</summary>
    Erase = 1 << 9,

    /// <summary>Key figures (<see cref="IEmailPlatform.GetKeyFiguresAsync"/>), the content of "Request report".</summary>
    Reports = 1 << 10,

    /// <summary>Starting a mailing from CRM (<see cref="IEmailPlatform.SendMailingAsync"/>).</summary>
    SendFromCrm = 1 << 11,

    /// <summary>
    /// Several contacts may share one address (household policy "All"); platforms keyed by address merge them instead.
    /// </summary>
    SharedAddresses = 1 << 12,
}

/// <summary>What a platform can do, and its limits.</summary>
public sealed record PlatformCapabilities
{
    /// <summary>The platform's type name as configured (<c>dotdigital</c>, <c>smtp</c>, <c>inmemory</c>); used in logs and keys.</summary>
    public required string PlatformName { get; init; }

    public required PlatformFeatures Features { get; init; }

    /// <summary>Most recipients per <see cref="IEmailPlatform.ImportRecipientsAsync"/> call. Default 1,000.</summary>
    public int MaxImportBatchSize { get; init; } = 1000;

    /// <summary>Longest value of a recipient field, in characters; longer values are truncated by the mapping. Default 255.</summary>
    public int MaxFieldLength { get; init; } = 255;

    /// <summary>Longest list name; longer names are cut by the platform. Default 255.</summary>
    public int MaxListNameLength { get; init; } = 255;

    /// <summary>Most events per reaction page. Default 1,000.</summary>
    public int MaxReactionPageSize { get; init; } = 1000;

    public bool Supports(PlatformFeatures feature) => feature != PlatformFeatures.None && (Features & feature) == feature;

    public bool Supports(ReactionFeed feed) => Supports(FeatureOf(feed));

    /// <summary>Throws <see cref="PlatformFeatureNotSupportedException"/> unless the feature is there.</summary>
    public void Require(PlatformFeatures feature, string operation)
    {
        if (!Supports(feature))
            throw new PlatformFeatureNotSupportedException(PlatformName, operation, feature);
    }

    /// <summary>The feature a reaction feed needs.</summary>
    public static PlatformFeatures FeatureOf(ReactionFeed feed) => feed switch
    {
        ReactionFeed.Sends => PlatformFeatures.Sends,
        ReactionFeed.Opens => PlatformFeatures.Opens,
        ReactionFeed.Clicks => PlatformFeatures.Clicks,
        ReactionFeed.Replies => PlatformFeatures.Replies,
        ReactionFeed.Bounces => PlatformFeatures.Bounces,
        ReactionFeed.Unsubscribes => PlatformFeatures.Unsubscribes,
        ReactionFeed.Complaints => PlatformFeatures.Complaints,
        ReactionFeed.NewSubscribers => PlatformFeatures.NewSubscribers,
        _ => throw new ArgumentOutOfRangeException(nameof(feed), feed, "Unknown reaction feed."),
    };
}
