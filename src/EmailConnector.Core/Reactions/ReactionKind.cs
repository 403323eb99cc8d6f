namespace EmailConnector.Core.Reactions;

/// <summary>What a recipient (or the receiving system) did. Values are stable: CRM stores them.</summary>
public enum ReactionKind
{
    Sent = 1,
    Open = 2,
    Click = 3,
    Reply = 4,

    /// <summary>An automatic answer (RFC 3834 <c>Auto-Submitted</c>, out-of-office); kept apart from real replies.</summary>
    AutoReply = 5,
    Bounce = 6,
    Unsubscribe = 7,
    Complaint = 8,

    /// <summary>A new subscription at the platform (web form, double opt-in): a lead on "generate leads" activities.</summary>
    Subscribe = 9,
}

/// <summary>The reaction feeds a platform offers; each has its own cursor in <c>ec_syncstate</c>.</summary>
public enum ReactionFeed
{
    Sends = 1,
    Opens = 2,
    Clicks = 3,

    /// <summary>Replies and auto-replies.</summary>
    Replies = 4,
    Bounces = 5,

    /// <summary>List-level and global unsubscribes.</summary>
    Unsubscribes = 6,
    Complaints = 7,
    NewSubscribers = 8,
}

/// <summary>Bounce categories. Hard marks the address invalid; blocked and unknown never do.</summary>
public enum BounceCategory
{
    /// <summary>Uncategorised: no usable status (Inxmail's "unknown bounce").</summary>
    Unknown = 0,

    /// <summary>Permanent: the mailbox or domain does not exist (5.1.x).</summary>
    Hard = 1,

    /// <summary>Temporary: mailbox full, deferral, greylisting (4.x.x, 5.2.2).</summary>
    Soft = 2,

    /// <summary>Refused by policy, reputation or authentication (5.7.x): the address may be fine.</summary>
    Blocked = 3,
}

/// <summary>How far an unsubscribe reaches.</summary>
public enum UnsubscribeScope
{
    /// <summary>Only the list (the campaign activity's list): an <c>ec_listunsubscribe</c> row.</summary>
    List = 1,

    /// <summary>Every mailing: Bulk Email "Do Not Allow" plus a suppression row.</summary>
    Global = 2,
}

/// <summary>Maps feeds to the reactions they carry.</summary>
public static class ReactionFeeds
{
    public static ReactionFeed FeedOf(ReactionKind kind) => kind switch
    {
        ReactionKind.Sent => ReactionFeed.Sends,
        ReactionKind.Open => ReactionFeed.Opens,
        ReactionKind.Click => ReactionFeed.Clicks,
        ReactionKind.Reply or ReactionKind.AutoReply => ReactionFeed.Replies,
        ReactionKind.Bounce => ReactionFeed.Bounces,
        ReactionKind.Unsubscribe => ReactionFeed.Unsubscribes,
        ReactionKind.Complaint => ReactionFeed.Complaints,
        ReactionKind.Subscribe => ReactionFeed.NewSubscribers,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown reaction kind."),
    };
}
