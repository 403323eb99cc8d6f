namespace EmailConnector.Schema;

/// <summary>ec_platformaccount: one email platform account; no secrets (the worker's configuration holds them).</summary>
[SchemaTable(EntityName)]
public static class PlatformAccount
{
    public const string EntityName = "ec_platformaccount";
    public const string PrimaryId = "ec_platformaccountid";
    public const string Name = "ec_name";
    public const string PlatformType = "ec_platformtype";
    public const string ConnectionName = "ec_connectionname";
    public const string DefaultSender = "ec_defaultsender";
    public const string DefaultReplyTo = "ec_defaultreplyto";
    public const string IsDefault = "ec_isdefault";
    public const string ClickDetail = "ec_clickdetail";
    public const string ReactionIntervalMinutes = "ec_reactionintervalminutes";
    public const string BounceIntervalMinutes = "ec_bounceintervalminutes";
    public const string UnsubscribeIntervalMinutes = "ec_unsubscribeintervalminutes";
    public const string SubscriptionIntervalMinutes = "ec_subscriptionintervalminutes";
    public const string StatisticsIntervalMinutes = "ec_statisticsintervalminutes";
    public const string StateCode = "statecode";
}

[SchemaOptionSet(PlatformAccount.EntityName, PlatformAccount.PlatformType)]
public enum PlatformType
{
    BuiltInSmtp = 183500000,
    Dotdigital = 183500001,
    Inxmail = 183500002,
}

[SchemaOptionSet(PlatformAccount.EntityName, PlatformAccount.ClickDetail)]
public enum ClickDetail
{
    CountsOnly = 183500000,
    EveryClick = 183500001,
}
