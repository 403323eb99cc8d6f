using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmailConnector.Platforms.Dotdigital.Api;

// Shapes of the v2 REST API (dotdigital-v2-api-swagger.json), camelCase on the wire. Enum-valued members stay strings:
// the vendor adds values ("NotAvailableInThisVersion") and an unknown one must not break a feed.

internal sealed record ApiAccountProperty(string? Name, string? Type, string? Value);

internal sealed record ApiAccount(int Id, IReadOnlyList<ApiAccountProperty> Properties);

internal sealed record ApiAddressBook
{
    public int? Id { get; init; }

    public required string Name { get; init; }

    public string? Visibility { get; init; }

    public int? Contacts { get; init; }
}

internal sealed record ApiDataField
{
    public required string Name { get; init; }

    public string? Type { get; init; }

    public string? Visibility { get; init; }
}

internal sealed record ApiContactData(string? Key, JsonElement? Value);

internal sealed record ApiContact
{
    public int? Id { get; init; }

    public required string Email { get; init; }

    public string? OptInType { get; init; }

    public string? EmailType { get; init; }

    public IReadOnlyList<ApiContactData>? DataFields { get; init; }

    public string? Status { get; init; }
}

internal sealed record ApiContactSuppression(ApiContact? SuppressedContact, DateTimeOffset DateRemoved, string? Reason);

internal sealed record ApiContactIdAndEmail
{
    public int? Id { get; init; }

    public string? Email { get; init; }
}

internal sealed record ApiBulkSuppressResponse(IReadOnlyList<ApiContactIdAndEmail>? Suppressed, IReadOnlyList<ApiContactIdAndEmail>? NotFound);

internal sealed record ApiCampaignFromAddress
{
    public int? Id { get; init; }

    public string? Email { get; init; }
}

internal sealed record ApiCampaign
{
    public int? Id { get; init; }

    public required string Name { get; init; }

    public required string Subject { get; init; }

    public required string FromName { get; init; }

    public ApiCampaignFromAddress? FromAddress { get; init; }

    public required string HtmlContent { get; init; }

    public required string PlainTextContent { get; init; }

    public string? ReplyAction { get; init; }

    public string? ReplyToAddress { get; init; }

    // Read-only members: received, never sent.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; init; }
}

internal sealed record ApiCampaignSend
{
    public string? Id { get; init; }

    public int CampaignId { get; init; }

    public IReadOnlyList<int>? AddressBookIds { get; init; }

    public DateTimeOffset? SendDate { get; init; }

    public string? Status { get; init; }
}

internal sealed record ApiCampaignSummary
{
    public DateTimeOffset? DateSent { get; init; }

    public int NumTotalSent { get; init; }

    public int NumTotalDelivered { get; init; }

    public int NumTotalOpens { get; init; }

    public int NumTotalUniqueOpens { get; init; }

    public int NumTotalClicks { get; init; }

    public int NumRecipientsClicked { get; init; }

    public int NumTotalHardBounces { get; init; }

    public int NumTotalSoftBounces { get; init; }

    public int NumTotalMailBlocks { get; init; }

    public int NumTotalUnsubscribes { get; init; }

    public int NumTotalIspComplaints { get; init; }

    public int NumTotalReplies { get; init; }

    public int NumForwards { get; init; }

    public int NumTextForwards { get; init; }

    public int NumTotalPageViews { get; init; }
}

internal sealed record ApiCampaignContactSummary
{
    public int ContactId { get; init; }

    public string? Email { get; init; }

    public int NumOpens { get; init; }

    public int NumClicks { get; init; }

    public int NumReplies { get; init; }

    public DateTimeOffset DateSent { get; init; }

    public bool Unsubscribed { get; init; }

    public bool SoftBounced { get; init; }

    public bool HardBounced { get; init; }
}

internal sealed record ApiCampaignContactOpen
{
    public int ContactId { get; init; }

    public string? MailClient { get; init; }

    public string? IpAddress { get; init; }

    public string? UserAgent { get; init; }

    public bool IsForward { get; init; }

    public DateTimeOffset DateOpened { get; init; }
}

internal sealed record ApiCampaignContactClick
{
    public int ContactId { get; init; }

    public string? Url { get; init; }

    public string? IpAddress { get; init; }

    public string? UserAgent { get; init; }

    public DateTimeOffset DateClicked { get; init; }

    public string? Keyword { get; init; }
}

internal sealed record ApiCampaignContactReply
{
    public int ContactId { get; init; }

    public DateTimeOffset DateReplied { get; init; }

    public string? ReplyType { get; init; }
}

/// <summary>A v2 error body: a message ending in an <c>ERROR_*</c> token.</summary>
internal sealed record ApiV2Error(string? Message);
