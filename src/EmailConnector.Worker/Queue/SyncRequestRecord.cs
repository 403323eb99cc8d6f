using EmailConnector.Dataverse;
using EmailConnector.Dataverse.Rows;
using EmailConnector.Schema;

namespace EmailConnector.Worker.Queue;

/// <summary>One <c>ec_syncrequest</c> row as the worker reads it, with the ETag its next conditional update needs.</summary>
public sealed record SyncRequestRecord
{
    internal static readonly string[] Columns =
    [
        SyncRequest.PrimaryId, SyncRequest.Operation, SyncRequest.TargetTable, SyncRequest.TargetId,
        SyncRequest.ChangedColumns, SyncRequest.Parameters, SyncRequest.QueueState, SyncRequest.Attempts,
        SyncRequest.NextAttemptOn, SyncRequest.LeaseOwner, SyncRequest.LeaseExpiresOn, SyncRequest.CorrelationId,
        SyncRequest.DedupeKey, "_" + SyncRequest.CampaignActivityId + "_value",
    ];

    public required Guid Id { get; init; }

    public required SyncOperation Operation { get; init; }

    public required QueueState State { get; init; }

    public string? TargetTable { get; init; }

    public string? TargetId { get; init; }

    public Guid? CampaignActivityId { get; init; }

    public string? ChangedColumns { get; init; }

    public string? Parameters { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset? NextAttemptOn { get; init; }

    public string? LeaseOwner { get; init; }

    /// <summary>The end of this worker's lease; moves on when the lease is renewed.</summary>
    public DateTimeOffset? LeaseExpiresOn { get; set; }

    public string? CorrelationId { get; init; }

    public string? DedupeKey { get; init; }

    /// <summary>
    /// The row's version after this worker's last write. It moves on when a handler checkpoints the request, so the
    /// outcome write that follows is conditional on the newest version rather than the claim's.
    /// </summary>
    public required string ETag { get; set; }

    internal static SyncRequestRecord From(DataverseRow row) => new()
    {
        Id = row.GetGuid(SyncRequest.PrimaryId) ?? throw new InvalidOperationException("A sync request row came back without its id."),
        Operation = (SyncOperation)(row.GetOptionValue(SyncRequest.Operation) ?? throw Missing(row, SyncRequest.Operation)),
        State = (QueueState)(row.GetOptionValue(SyncRequest.QueueState) ?? throw Missing(row, SyncRequest.QueueState)),
        TargetTable = row.GetString(SyncRequest.TargetTable),
        TargetId = row.GetString(SyncRequest.TargetId),
        CampaignActivityId = row.GetGuid("_" + SyncRequest.CampaignActivityId + "_value"),
        ChangedColumns = row.GetString(SyncRequest.ChangedColumns),
        Parameters = row.GetString(SyncRequest.Parameters),
        Attempts = row.GetInt32(SyncRequest.Attempts) ?? 0,
        NextAttemptOn = Utc(row.GetDateTime(SyncRequest.NextAttemptOn)),
        LeaseOwner = row.GetString(SyncRequest.LeaseOwner),
        LeaseExpiresOn = Utc(row.GetDateTime(SyncRequest.LeaseExpiresOn)),
        CorrelationId = row.GetString(SyncRequest.CorrelationId),
        DedupeKey = row.GetString(SyncRequest.DedupeKey),
        ETag = row.ETag ?? throw new InvalidOperationException($"Sync request {row.GetGuid(SyncRequest.PrimaryId)} came back without an ETag; claims need one."),
    };

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? new DateTimeOffset(v, TimeSpan.Zero) : null;

    private static InvalidOperationException Missing(DataverseRow row, string column) =>
        new($"Sync request {row.GetGuid(SyncRequest.PrimaryId)} has no {column}.");
}
