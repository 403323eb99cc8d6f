namespace EmailConnector.Schema;

/// <summary>ec_syncrequest: the queue between the plugins and the worker (design §4, docs/plugins.md).</summary>
[SchemaTable(EntityName)]
public static class SyncRequest
{
    public const string EntityName = "ec_syncrequest";
    public const string PrimaryId = "ec_syncrequestid";
    public const string Name = "ec_name";
    public const string Operation = "ec_operation";
    public const string TargetTable = "ec_targettable";
    public const string TargetId = "ec_targetid";
    public const string CampaignActivityId = "ec_campaignactivityid";
    public const string ChangedColumns = "ec_changedcolumns";
    public const string Parameters = "ec_parameters";
    public const string QueueState = "ec_queuestate";
    public const string Attempts = "ec_attempts";
    public const string NextAttemptOn = "ec_nextattempton";
    public const string LeaseOwner = "ec_leaseowner";
    public const string LeaseExpiresOn = "ec_leaseexpireson";
    public const string LastError = "ec_lasterror";
    public const string CorrelationId = "ec_correlationid";
    public const string DedupeKey = "ec_dedupekey";
    public const string CompletedOn = "ec_completedon";
    public const string StateCode = "statecode";
    public const string StatusCode = "statuscode";

    public const string DedupeKeyAlternateKey = "ec_syncrequest_dedupekey";

    public const int DedupeKeyMaxLength = 200;
    public const int ChangedColumnsMaxLength = 4000;
    public const int ParametersMaxLength = 2000;
    public const int NameMaxLength = 200;
}

[SchemaOptionSet(SyncRequest.EntityName, SyncRequest.Operation)]
public enum SyncOperation
{
    EnsureList = 183500000,
    TransferRecipients = 183500001,
    UpdateRecipient = 183500002,
    ConsentChanged = 183500003,
    Erase = 183500004,
    ListMembershipChanged = 183500005,
    SyncNow = 183500006,
    RequestReport = 183500007,
}

[SchemaOptionSet(SyncRequest.EntityName, SyncRequest.QueueState)]
public enum QueueState
{
    Pending = 183500000,
    InProgress = 183500001,
    Succeeded = 183500002,
    Failed = 183500003,
    Parked = 183500004,
}
