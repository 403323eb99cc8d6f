namespace EmailConnector.Schema;

/// <summary>ec_listunsubscribe: who left which marketing list or campaign activity, and when.</summary>
[SchemaTable(EntityName)]
public static class ListUnsubscribe
{
    public const string EntityName = "ec_listunsubscribe";
    public const string PrimaryId = "ec_listunsubscribeid";
    public const string Name = "ec_name";
    public const string ListId = "ec_listid";
    public const string CampaignActivityId = "ec_campaignactivityid";
    public const string ContactId = "ec_contactid";
    public const string LeadId = "ec_leadid";
    public const string AccountId = "ec_accountid";
    public const string UnsubscribedOn = "ec_unsubscribedon";
    public const string StateCode = "statecode";
}
