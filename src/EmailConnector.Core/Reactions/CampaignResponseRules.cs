namespace EmailConnector.Core.Reactions;

/// <summary>Which reactions create a campaign response (the activity's "create campaign responses" option).</summary>
public enum ResponseMode
{
    Clicks = 1,
    ClicksAndOpens = 2,
}

/// <summary>What the write-back does with the recipient's campaign response for one reaction.</summary>
public enum ResponseAction
{
    /// <summary>The reaction does not touch campaign responses.</summary>
    None = 0,

    /// <summary>No response exists yet and this reaction creates it.</summary>
    Create = 1,

    /// <summary>The response exists: add the reaction's category, counters and entries (e.g. the clicked link).</summary>
    Update = 2,
}

/// <summary>The reaction categories one campaign response accumulates.</summary>
[Flags]
public enum ResponseCategories
{
    None = 0,
    Open = 1,
    Click = 2,
    Reply = 4,
    AutoReply = 8,
    Bounce = 16,
    Unsubscribe = 32,
    Complaint = 64,
}

/// <summary>
/// Campaign responses: at most one per recipient per campaign activity, holding every reaction as categories and
/// counters. Clicks and real replies always create it; opens only in <see cref="ResponseMode.ClicksAndOpens"/>;
/// everything else only updates an existing one. Machine opens and clicks (privacy proxies, link scanners) never
/// create one, because they say nothing about the person.
/// </summary>
public static class CampaignResponseRules
{
    public static ResponseAction Decide(ReactionEvent reaction, ResponseMode mode, bool responseExists)
    {
        ArgumentNullException.ThrowIfNull(reaction);
        if (!Enum.IsDefined(mode))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown response mode.");
        if (CategoryOf(reaction.Kind) == ResponseCategories.None)
            return ResponseAction.None;
        if (responseExists)
            return ResponseAction.Update;
        var creates = reaction.Kind switch
        {
            ReactionKind.Click => !reaction.IsMachine,
            ReactionKind.Reply => true,
            ReactionKind.Open => mode == ResponseMode.ClicksAndOpens && !reaction.IsMachine,
            _ => false,
        };
        return creates ? ResponseAction.Create : ResponseAction.None;
    }

    /// <summary>The category a reaction adds to a response; <see cref="ResponseCategories.None"/> for sends and subscriptions.</summary>
    public static ResponseCategories CategoryOf(ReactionKind kind) => kind switch
    {
        ReactionKind.Open => ResponseCategories.Open,
        ReactionKind.Click => ResponseCategories.Click,
        ReactionKind.Reply => ResponseCategories.Reply,
        ReactionKind.AutoReply => ResponseCategories.AutoReply,
        ReactionKind.Bounce => ResponseCategories.Bounce,
        ReactionKind.Unsubscribe => ResponseCategories.Unsubscribe,
        ReactionKind.Complaint => ResponseCategories.Complaint,
        _ => ResponseCategories.None,
    };

    /// <summary>
    /// The response's alternate-key value: one per campaign activity and recipient, whatever order or how often the
    /// reactions arrive.
    /// </summary>
    public static string ResponseKey(Guid campaignActivityId, RecordReference recipient)
    {
        if (campaignActivityId == Guid.Empty)
            throw new ArgumentException("A campaign activity id is required.", nameof(campaignActivityId));
        return $"{campaignActivityId:N}:{recipient.LogicalName}:{recipient.Id:N}";
    }
}
