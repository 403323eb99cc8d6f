namespace EmailConnector.Schema;

/// <summary>The solution's columns on campaignresponse.</summary>
[SchemaTable(EntityName)]
public static class CampaignResponseColumns
{
    public const string EntityName = "campaignresponse";
    public const string ResponseKey = "ec_responsekey";
    public const string CampaignActivityId = "ec_campaignactivityid";
    public const string OpenCount = "ec_opencount";
    public const string ClickCount = "ec_clickcount";
    public const string LastClickedUrl = "ec_lastclickedurl";
    public const string ReactionCategories = "ec_reactioncategories";
    public const string LastReactionOn = "ec_lastreactionon";
    public const string LastClickOn = "ec_lastclickon";

    public const string ResponseKeyAlternateKey = "ec_campaignresponse_responsekey";
}

[SchemaOptionSet("ec_reactioncategory")]
public enum ReactionCategory
{
    Open = 183500000,
    Click = 183500001,
    Reply = 183500002,
    AutoReply = 183500003,
    Bounce = 183500004,
    Unsubscribe = 183500005,
    Complaint = 183500006,
}
