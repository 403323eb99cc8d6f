namespace EmailConnector.Schema;

/// <summary>The solution's columns on campaignactivity (the "Email platform" section and the key figures).</summary>
[SchemaTable(EntityName)]
public static class CampaignActivityColumns
{
    public const string EntityName = "campaignactivity";
    public const string PlatformAccountId = "ec_platformaccountid";
    public const string ListName = "ec_listname";
    public const string Sender = "ec_sender";
    public const string ReplyTo = "ec_replyto";
    public const string EmailActivityMode = "ec_emailactivitymode";
    public const string ResponseMode = "ec_responsemode";
    public const string GenerateLeads = "ec_generateleads";
    public const string PlatformListId = "ec_platformlistid";
    public const string MailingStatus = "ec_mailingstatus";
    public const string TransferState = "ec_transferstate";
    public const string TransferredCount = "ec_transferredcount";
    public const string ExcludedCount = "ec_excludedcount";
    public const string LastTransferOn = "ec_lasttransferon";
    public const string TransferSummary = "ec_transfersummary";
    public const string SentCount = "ec_sentcount";
    public const string DeliveredCount = "ec_deliveredcount";
    public const string OpenCount = "ec_opencount";
    public const string UniqueOpenCount = "ec_uniqueopencount";
    public const string ClickCount = "ec_clickcount";
    public const string UniqueClickerCount = "ec_uniqueclickercount";
    public const string ReplyCount = "ec_replycount";
    public const string SoftBounces = "ec_softbounces";
    public const string HardBounces = "ec_hardbounces";
    public const string UnknownBounces = "ec_unknownbounces";
    public const string ComplaintCount = "ec_complaintcount";
    public const string PageViewCount = "ec_pageviewcount";
    public const string UnsubscribeCount = "ec_unsubscribecount";
    public const string DeliveredRate = "ec_deliveredrate";
    public const string OpenRate = "ec_openrate";
    public const string UniqueOpenRate = "ec_uniqueopenrate";
    public const string ClickRate = "ec_clickrate";
    public const string UserClickRate = "ec_userclickrate";
    public const string ReplyRate = "ec_replyrate";
    public const string SoftBounceRate = "ec_softbouncerate";
    public const string HardBounceRate = "ec_hardbouncerate";
    public const string UnsubscribeRate = "ec_unsubscriberate";
    public const string ComplaintRate = "ec_complaintrate";
    public const string StatisticsUpdatedOn = "ec_statisticsupdatedon";

    public const int ListNameMaxLength = 200;
}

/// <summary>The option the solution adds to the system column campaignactivity.channeltypecode.</summary>
[SchemaOptionSet(CampaignActivityColumns.EntityName, "channeltypecode")]
public enum CampaignActivityChannel
{
    EmailPlatform = 183500000,
}

[SchemaOptionSet(CampaignActivityColumns.EntityName, CampaignActivityColumns.EmailActivityMode)]
public enum EmailActivityMode
{
    None = 183500000,
    Subject = 183500001,
    Complete = 183500002,
}

[SchemaOptionSet(CampaignActivityColumns.EntityName, CampaignActivityColumns.ResponseMode)]
public enum ResponseMode
{
    Clicks = 183500000,
    ClicksAndOpens = 183500001,
}

[SchemaOptionSet(CampaignActivityColumns.EntityName, CampaignActivityColumns.MailingStatus)]
public enum MailingStatus
{
    NotSent = 183500000,
    Scheduled = 183500001,
    Sending = 183500002,
    Sent = 183500003,
}

[SchemaOptionSet(CampaignActivityColumns.EntityName, CampaignActivityColumns.TransferState)]
public enum TransferState
{
    NotTransferred = 183500000,
    Queued = 183500001,
    Transferring = 183500002,
    Transferred = 183500003,
    Failed = 183500004,
}
