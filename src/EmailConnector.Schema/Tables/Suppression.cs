namespace EmailConnector.Schema;

/// <summary>ec_suppression: the global suppression list, one row per address.</summary>
[SchemaTable(EntityName)]
public static class Suppression
{
    public const string EntityName = "ec_suppression";
    public const string PrimaryId = "ec_suppressionid";
    public const string EmailAddress = "ec_emailaddress";
    public const string Reason = "ec_reason";
    public const string Source = "ec_source";
    public const string SuppressedOn = "ec_suppressedon";
    public const string PlatformAccountId = "ec_platformaccountid";
    public const string StateCode = "statecode";

    public const string EmailAddressAlternateKey = "ec_suppression_emailaddress";
}

[SchemaOptionSet(Suppression.EntityName, Suppression.Reason)]
public enum SuppressionReason
{
    Unsubscribed = 183500000,
    HardBounce = 183500001,
    Complaint = 183500002,
    Manual = 183500003,
    Imported = 183500004,
}

[SchemaOptionSet(Suppression.EntityName, Suppression.Source)]
public enum SuppressionSource
{
    EmailPlatform = 183500000,
    CrmUser = 183500001,
    Import = 183500002,
}
