namespace EmailConnector.Schema;

/// <summary>The solution's columns on list (marketing list).</summary>
[SchemaTable(EntityName)]
public static class ListColumns
{
    public const string EntityName = "list";
    public const string SyncToPlatform = "ec_synctoplatform";
    public const string PlatformAccountId = "ec_platformaccountid";
    public const string PeriodicSync = "ec_periodicsync";
    public const string ManualSyncOnly = "ec_manualsynconly";
    public const string PlatformListId = "ec_platformlistid";
    public const string LastSyncedOn = "ec_lastsyncedon";
}

[SchemaOptionSet(ListColumns.EntityName, ListColumns.PeriodicSync)]
public enum PeriodicSync
{
    Off = 183500000,
    Hourly = 183500001,
    Daily = 183500002,
    Weekly = 183500003,
}
