namespace EmailConnector.Core.Reactions;

/// <summary>Bulk-email consent of one person.</summary>
public enum ConsentState
{
    /// <summary>No event yet: CRM's own value stands.</summary>
    Unknown = 0,
    OptedIn = 1,
    OptedOut = 2,
}

/// <summary>Where a consent change came from.</summary>
public enum ConsentSource
{
    /// <summary>A user or the person changed it in CRM.</summary>
    Crm = 1,

    /// <summary>The email platform reported it (unsubscribe link, complaint, global suppression).</summary>
    Platform = 2,

    /// <summary>A sync or import would have changed it as a side effect; such opt-ins never count.</summary>
    Automatic = 3,
}

/// <summary>One consent change with its time.</summary>
public sealed record ConsentEvent(ConsentState State, DateTimeOffset At, ConsentSource Source)
{
    /// <summary>
    /// An opt-in that proves the person's intent (a CRM change by a user, a platform's confirmed double opt-in).
    /// Only such opt-ins can lift an opt-out.
    /// </summary>
    public bool IsExplicit { get; init; } = Source != ConsentSource.Automatic;
}

/// <summary>
/// Merges consent changes from CRM and the platform in time order with "opt-out wins": an opt-out always applies;
/// an opt-in applies only when it is explicit and strictly newer than the last opt-out (a tie goes to the opt-out).
/// So a late-arriving old opt-in, or a re-import, never re-subscribes anyone.
/// </summary>
public static class ConsentMerge
{
    /// <summary>The state after applying <paramref name="incoming"/> to <paramref name="current"/>.</summary>
    public static ConsentEvent? Apply(ConsentEvent? current, ConsentEvent incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (incoming.State == ConsentState.Unknown)
            throw new ArgumentException("A consent event opts in or out.", nameof(incoming));
        if (current is null || current.State == ConsentState.Unknown)
            return incoming.State == ConsentState.OptedIn && !incoming.IsExplicit ? current : incoming;

        if (incoming.State == ConsentState.OptedOut)
        {
            // An opt-out older than an explicit opt-in is history: the person opted in again since.
            if (current.State == ConsentState.OptedOut)
                return incoming.At > current.At ? incoming : current;
            return incoming.At >= current.At || !current.IsExplicit ? incoming : current;
        }

        // Opt-in: never automatic, and after an opt-out only when strictly newer.
        if (!incoming.IsExplicit)
            return current;
        return incoming.At > current.At ? incoming : current;
    }

    /// <summary>Folds any number of events, in whatever order they arrived.</summary>
    public static ConsentState Resolve(IEnumerable<ConsentEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        ConsentEvent? state = null;
        foreach (var e in events.OrderBy(e => e.At).ThenBy(e => e.State == ConsentState.OptedOut ? 1 : 0))
            state = Apply(state, e);
        return state?.State ?? ConsentState.Unknown;
    }

    /// <summary>
    /// Whether a platform's opt-out must be written to CRM: yes unless CRM holds an explicit opt-in strictly newer than it.
    /// </summary>
    public static bool ShouldApplyOptOut(ConsentEvent? crm, DateTimeOffset optOutAt) =>
        crm is null || crm.State != ConsentState.OptedIn || !crm.IsExplicit || crm.At <= optOutAt;
}
