namespace EmailConnector.Core.Reactions;

/// <summary>
/// The key figures of a mailing (the aggregate statistics of seed 001 and Inxmail's bounce buckets). Counts come from
/// the platform; the rates are derived here once, so every platform reports them alike: delivery and bounce rates
/// against <see cref="Sent"/>, engagement rates against <see cref="Delivered"/>, click-to-open against unique opens.
/// Rates are fractions (0.25 = 25 %), 0 when the denominator is 0.
/// </summary>
public sealed record KeyFigures
{
    public int Sent { get; init; }

    public int Delivered { get; init; }

    /// <summary>Every open, repeated ones included.</summary>
    public int Opens { get; init; }

    /// <summary>Recipients who opened at least once.</summary>
    public int UniqueOpens { get; init; }

    /// <summary>Every click.</summary>
    public int Clicks { get; init; }

    /// <summary>Recipients who clicked at least once.</summary>
    public int UniqueClicks { get; init; }

    public int HardBounces { get; init; }

    public int SoftBounces { get; init; }

    public int BlockedBounces { get; init; }

    public int UnknownBounces { get; init; }

    public int Unsubscribes { get; init; }

    public int Complaints { get; init; }

    public int Replies { get; init; }

    public int AutoReplies { get; init; }

    public int Forwards { get; init; }

    /// <summary>When the mailing went out; null before the first send.</summary>
    public DateTimeOffset? FirstSentAt { get; init; }

    public int Bounces => HardBounces + SoftBounces + BlockedBounces + UnknownBounces;

    public double DeliveredRate => Rate(Delivered, Sent);

    public double HardBounceRate => Rate(HardBounces, Sent);

    public double SoftBounceRate => Rate(SoftBounces, Sent);

    public double OpenRate => Rate(Opens, Delivered);

    public double UniqueOpenRate => Rate(UniqueOpens, Delivered);

    /// <summary>Clicks per delivered message (seed 001's "click rate").</summary>
    public double ClickRate => Rate(Clicks, Delivered);

    /// <summary>Recipients who clicked per delivered message (seed 001's "user click rate").</summary>
    public double UniqueClickRate => Rate(UniqueClicks, Delivered);

    public double ClickToOpenRate => Rate(UniqueClicks, UniqueOpens);

    public double UnsubscribeRate => Rate(Unsubscribes, Delivered);

    public double ComplaintRate => Rate(Complaints, Delivered);

    public double ReplyRate => Rate(Replies, Delivered);

    /// <summary>
    /// Counts the figures from normalised events, for platforms that keep events rather than counters (the built-in
    /// platform, test platforms). A delivered message is a send without a hard, blocked or unknown bounce; soft bounces
    /// are deferrals that still count as delivered once retried, as the commercial platforms count them.
    /// </summary>
    public static KeyFigures FromEvents(IEnumerable<ReactionEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var sent = new HashSet<RecordReference>();
        var failed = new HashSet<RecordReference>();
        var opened = new HashSet<RecordReference>();
        var clicked = new HashSet<RecordReference>();
        int opens = 0, clicks = 0, hard = 0, soft = 0, blocked = 0, unknown = 0, unsubscribes = 0, complaints = 0, replies = 0, autoReplies = 0;
        DateTimeOffset? firstSent = null;

        foreach (var e in events.DistinctBy(e => e.EventId))
        {
            var who = e.Record.GetValueOrDefault();
            switch (e.Kind)
            {
                case ReactionKind.Sent:
                    sent.Add(who);
                    firstSent = firstSent is null || e.OccurredAt < firstSent ? e.OccurredAt : firstSent;
                    break;
                case ReactionKind.Open:
                    opens++;
                    opened.Add(who);
                    break;
                case ReactionKind.Click:
                    clicks++;
                    clicked.Add(who);
                    opened.Add(who); // a click implies an open, even when images were blocked
                    break;
                case ReactionKind.Bounce:
                    switch (e.BounceCategory)
                    {
                        case BounceCategory.Hard: hard++; failed.Add(who); break;
                        case BounceCategory.Soft: soft++; break;
                        case BounceCategory.Blocked: blocked++; failed.Add(who); break;
                        default: unknown++; failed.Add(who); break;
                    }
                    break;
                case ReactionKind.Unsubscribe: unsubscribes++; break;
                case ReactionKind.Complaint: complaints++; break;
                case ReactionKind.Reply: replies++; break;
                case ReactionKind.AutoReply: autoReplies++; break;
            }
        }

        return new KeyFigures
        {
            Sent = sent.Count,
            Delivered = sent.Count(r => !failed.Contains(r)),
            Opens = opens,
            UniqueOpens = opened.Count,
            Clicks = clicks,
            UniqueClicks = clicked.Count,
            HardBounces = hard,
            SoftBounces = soft,
            BlockedBounces = blocked,
            UnknownBounces = unknown,
            Unsubscribes = unsubscribes,
            Complaints = complaints,
            Replies = replies,
            AutoReplies = autoReplies,
            FirstSentAt = firstSent,
        };
    }

    private static double Rate(int count, int of) => of == 0 ? 0 : (double)count / of;
}
