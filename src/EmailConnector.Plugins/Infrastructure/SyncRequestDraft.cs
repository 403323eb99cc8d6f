using System;
using System.Collections.Generic;
using System.Linq;
using EmailConnector.Schema;

namespace EmailConnector.Plugins.Infrastructure;

/// <summary>
/// What a step wants the worker to do: an operation on one record, the names of the columns that changed (never their
/// values) and optional parameters without personal data. <see cref="SyncRequestWriter"/> turns it into an
/// ec_syncrequest row or merges it into the pending one.
/// </summary>
public sealed class SyncRequestDraft
{
    public SyncRequestDraft(SyncOperation operation, string targetTable, Guid targetId)
    {
        if (string.IsNullOrEmpty(targetTable))
            throw new ArgumentException("A sync request needs the target table.", nameof(targetTable));
        if (targetId == Guid.Empty)
            throw new ArgumentException("A sync request needs the target record id.", nameof(targetId));
        Operation = operation;
        TargetTable = targetTable;
        TargetId = targetId;
    }

    public SyncOperation Operation { get; }

    public string TargetTable { get; }

    public Guid TargetId { get; }

    /// <summary>The campaign activity the request belongs to, when there is one (ec_campaignactivityid).</summary>
    public Guid? CampaignActivityId { get; set; }

    public IReadOnlyCollection<string> ChangedColumns { get; set; } = new string[0];

    /// <summary>JSON without personal data (ids, counts, options); replaces the pending row's parameters when set.</summary>
    public string? Parameters { get; set; }

    public string DedupeKey => DedupeKeys.Pending(Operation, TargetTable, TargetId);

    public string Name => Operation + " " + TargetTable + " " + TargetId.ToString("D");

    internal static IReadOnlyCollection<string> Names(IEnumerable<string> columns) =>
        columns.Select(c => c.ToLowerInvariant()).Distinct(StringComparer.Ordinal).OrderBy(c => c, StringComparer.Ordinal).ToList();
}
