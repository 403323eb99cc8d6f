namespace EmailConnector.Schema;

/// <summary>The solution's bounce and sync columns, the same on every marketing-list member table: account, contact and lead.</summary>
[SchemaTable("account", "contact", "lead")]
public static class RecipientColumns
{
    public const string EmailInvalid = "ec_emailinvalid";
    public const string BounceCategory = "ec_bouncecategory";
    public const string HardBounceCount = "ec_hardbouncecount";
    public const string SoftBounceCount = "ec_softbouncecount";
    public const string LastBounceOn = "ec_lastbounceon";
    public const string SyncStatus = "ec_syncstatus";
    public const string LastSyncError = "ec_lastsyncerror";
    public const string LastSyncedOn = "ec_lastsyncedon";
}

[SchemaOptionSet("ec_bouncecategory")]
public enum BounceCategory
{
    Hard = 183500000,
    Soft = 183500001,
    Unknown = 183500002,
}

[SchemaOptionSet("ec_syncstatus")]
public enum SyncStatus
{
    NotSynced = 183500000,
    Pending = 183500001,
    Synced = 183500002,
    Error = 183500003,
}
