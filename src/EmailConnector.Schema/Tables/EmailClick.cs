namespace EmailConnector.Schema;

/// <summary>ec_emailclick: one row per click, for accounts with click detail "Every click".</summary>
[SchemaTable(EntityName)]
public static class EmailClick
{
    public const string EntityName = "ec_emailclick";
    public const string PrimaryId = "ec_emailclickid";
    public const string Name = "ec_name";
    public const string CampaignActivityId = "ec_campaignactivityid";
    public const string CampaignResponseId = "ec_campaignresponseid";
    public const string ContactId = "ec_contactid";
    public const string LeadId = "ec_leadid";
    public const string AccountId = "ec_accountid";
    public const string Url = "ec_url";
    public const string ClickedOn = "ec_clickedon";
    public const string IpAddress = "ec_ipaddress";
    public const string UserAgent = "ec_useragent";
    public const string PlatformEventId = "ec_platformeventid";

    public const string PlatformEventIdAlternateKey = "ec_emailclick_platformeventid";
}
