namespace EmailConnector.Schema;

/// <summary>ec_syncstate: cursor and lease per platform account and reaction feed.</summary>
[SchemaTable(EntityName)]
public static class SyncState
{
    public const string EntityName = "ec_syncstate";
    public const string PrimaryId = "ec_syncstateid";
    public const string Name = "ec_name";
    public const string PlatformAccountId = "ec_platformaccountid";
    public const string Feed = "ec_feed";
    public const string Cursor = "ec_cursor";
    public const string LeaseOwner = "ec_leaseowner";
    public const string LeaseExpiresOn = "ec_leaseexpireson";
    public const string LastSuccessOn = "ec_lastsuccesson";
    public const string LastError = "ec_lasterror";
    public const string LastErrorOn = "ec_lasterroron";

    public const string AccountFeedAlternateKey = "ec_syncstate_accountfeed";
}

[SchemaOptionSet(SyncState.EntityName, SyncState.Feed)]
public enum ReactionFeed
{
    Sends = 183500000,
    Opens = 183500001,
    Clicks = 183500002,
    Replies = 183500003,
    Bounces = 183500004,
    Unsubscribes = 183500005,
    Complaints = 183500006,
    Subscriptions = 183500007,
    Statistics = 183500008,
}
