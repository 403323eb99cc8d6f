using System;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Plugins.Infrastructure;

/// <summary>
/// Writes ec_syncrequest rows through the SYSTEM service of the running step, i.e. in the user's transaction: if the
/// user's change rolls back, so does the request. A Pending row with the same dedupe key absorbs the new request
/// (changed column names merged, parameters and correlation id replaced) instead of a second row being created.
/// </summary>
public sealed class SyncRequestWriter
{
    private readonly StepContext _step;

    public SyncRequestWriter(StepContext step)
    {
        _step = step ?? throw new ArgumentNullException(nameof(step));
    }

    /// <summary>Creates or coalesces the request and returns the id of the row that carries it.</summary>
    public Guid Enqueue(SyncRequestDraft draft)
    {
        if (draft is null)
            throw new ArgumentNullException(nameof(draft));
        var service = _step.SystemService;
        var key = draft.DedupeKey;
        var correlationId = _step.CorrelationId.ToString("D");
        var pending = FindPending(service, key);
        if (pending is not null)
        {
            var update = new Entity(SyncRequest.EntityName, pending.Id)
            {
                [SyncRequest.ChangedColumns] = NullIfEmpty(DedupeKeys.MergeColumns(pending.GetAttributeValue<string>(SyncRequest.ChangedColumns), draft.ChangedColumns)),
                [SyncRequest.CorrelationId] = correlationId,
            };
            if (draft.Parameters is not null)
                update[SyncRequest.Parameters] = draft.Parameters;
            service.Update(update);
            _step.Trace("sync request " + pending.Id + " (" + key + ") coalesced: columns " + Describe(draft) + ", correlation id " + correlationId);
            return pending.Id;
        }

        var row = new Entity(SyncRequest.EntityName)
        {
            [SyncRequest.Name] = Truncate(draft.Name, SyncRequest.NameMaxLength),
            [SyncRequest.Operation] = new OptionSetValue((int)draft.Operation),
            [SyncRequest.TargetTable] = draft.TargetTable,
            [SyncRequest.TargetId] = draft.TargetId.ToString("D"),
            [SyncRequest.QueueState] = new OptionSetValue((int)QueueState.Pending),
            [SyncRequest.Attempts] = 0,
            [SyncRequest.CorrelationId] = correlationId,
            [SyncRequest.DedupeKey] = key,
        };
        var columns = DedupeKeys.MergeColumns(null, draft.ChangedColumns);
        if (columns.Length > 0)
            row[SyncRequest.ChangedColumns] = columns;
        if (draft.Parameters is not null)
            row[SyncRequest.Parameters] = draft.Parameters;
        if (draft.CampaignActivityId is Guid activityId)
            row[SyncRequest.CampaignActivityId] = new EntityReference("campaignactivity", activityId);
        var id = service.Create(row);
        _step.Trace("sync request " + id + " (" + key + ") queued: columns " + Describe(draft) + ", correlation id " + correlationId);
        return id;
    }

    /// <summary>The Pending row for this operation and record, or null.</summary>
    public Entity? FindPending(SyncOperation operation, string table, Guid id) =>
        FindPending(_step.SystemService, DedupeKeys.Pending(operation, table, id));

    private static Entity? FindPending(IOrganizationService service, string key)
    {
        var query = new QueryExpression(SyncRequest.EntityName)
        {
            ColumnSet = new ColumnSet(SyncRequest.ChangedColumns, SyncRequest.QueueState),
            TopCount = 1,
        };
        query.Criteria.AddCondition(SyncRequest.DedupeKey, ConditionOperator.Equal, key);
        var rows = service.RetrieveMultiple(query).Entities;
        return rows.Count == 0 ? null : rows[0];
    }

    private static string Describe(SyncRequestDraft draft) =>
        draft.ChangedColumns.Count == 0 ? "(none)" : string.Join(", ", draft.ChangedColumns);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static string Truncate(string value, int length) => value.Length <= length ? value : value.Substring(0, length);
}
