namespace EmailConnector.Platforms.Dotdigital.Double.State;

internal sealed class DataField
{
    public required string Name { get; init; }

    public string Type { get; init; } = "String";

    public string Visibility { get; init; } = "Private";
}

internal sealed class AddressBook
{
    public int Id { get; init; }

    public required string Name { get; set; }

    public string Visibility { get; init; } = "Private";

    public bool Writable { get; init; } = true;
}

internal sealed class Membership
{
    public required string Status { get; set; } // subscribed | suppressed

    public DateTimeOffset Since { get; set; }
}

internal sealed class Contact
{
    public long Id { get; init; }

    public required string Email { get; set; }

    /// <summary>v2 ApiContactStatuses.</summary>
    public string Status { get; set; } = "Subscribed";

    public Dictionary<string, string?> DataFields { get; } = new(StringComparer.OrdinalIgnoreCase);

    public DateTimeOffset Created { get; init; }

    public DateTimeOffset Updated { get; set; }

    public Dictionary<int, Membership> Lists { get; } = [];

    public bool IsOptedOut => Status is not ("Subscribed" or "SoftBounced" or "PendingOptIn");
}

internal sealed class SuppressionRow
{
    public long Seq { get; init; }

    public long ContactId { get; init; }

    public required string Email { get; init; }

    public required string Reason { get; init; }

    public DateTimeOffset DateRemoved { get; init; }

    public DateTimeOffset VisibleAt { get; init; }

    /// <summary>The address book for list-level unsubscribes; null for account-level rows.</summary>
    public int? ListId { get; init; }
}

internal sealed class Campaign
{
    public int Id { get; init; }

    public required string Name { get; init; }

    public required string Subject { get; init; }

    public required string FromName { get; init; }

    public string? FromAddress { get; init; }

    public required string HtmlContent { get; init; }

    public required string PlainTextContent { get; init; }

    public string ReplyAction { get; init; } = "Unset";

    public string? ReplyToAddress { get; init; }

    public string Status { get; set; } = "Unsent";

    public List<int> Books { get; } = [];
}

internal sealed class SendJob
{
    public Guid Id { get; init; }

    public int CampaignId { get; init; }

    public required List<int> Books { get; init; }

    public DateTimeOffset SendDate { get; init; }

    public string Status { get; set; } = "Scheduled";
}

internal sealed class Activity
{
    public long Seq { get; init; }

    public int CampaignId { get; init; }

    public long ContactId { get; init; }

    public required string Email { get; init; }

    public DateTimeOffset DateSent { get; init; }

    public DateTimeOffset LastActivity { get; set; }

    public int NumOpens { get; set; }

    public int NumClicks { get; set; }

    public int NumReplies { get; set; }

    public DateTimeOffset? FirstOpened { get; set; }

    public DateTimeOffset? LastOpened { get; set; }

    public string? FirstOpenIp { get; set; }

    public bool Unsubscribed { get; set; }

    public bool SoftBounced { get; set; }

    public bool HardBounced { get; set; }

    public bool Complained { get; set; }
}

internal sealed class EventRow
{
    public long Seq { get; init; }

    public int CampaignId { get; init; }

    public long ContactId { get; init; }

    public required string Email { get; init; }

    public required string Kind { get; init; } // open | click | reply

    public DateTimeOffset Date { get; init; }

    public DateTimeOffset VisibleAt { get; init; }

    public string? Url { get; init; }

    public string? IpAddress { get; init; }

    public string? UserAgent { get; init; }

    public string? MailClient { get; init; }

    public bool IsForward { get; init; }

    public string? ReplyType { get; init; }
}

internal sealed class ImportJob
{
    public required string Id { get; init; }

    public DateTimeOffset Created { get; init; }

    public int PollsLeft { get; set; }

    public required string FinalStatus { get; init; }

    public required object Report { get; init; }
}

/// <summary>What the next import does instead of its normal course (scenario 9).</summary>
public sealed class ImportScript
{
    /// <summary>Terminal status: Finished, Failed, RejectedByWatchdog, ExceedsAllowedContactLimit.</summary>
    public string Status { get; set; } = "Finished";

    /// <summary>Record-identifier (or email) values that fail, with their failure code.</summary>
    public Dictionary<string, string> Failures { get; set; } = [];

    /// <summary>Failed only: leave the created/updated/failures lists out entirely.</summary>
    public bool NoReport { get; set; }
}
