using System;
using System.Collections.Generic;
using System.Linq;
using EmailConnector.Schema;

namespace EmailConnector.Plugins.Infrastructure;

/// <summary>
/// The ec_dedupekey values (alternate key ec_syncrequest_dedupekey) and the changed-column lists. A Pending row's key is
/// <c>{operation}:{table}:{id}:pending</c>, all lower case, the id in "D" format; when a worker claims the row it
/// replaces the <c>pending</c> suffix with the row's own id, so changes made after the claim start a new row.
/// docs/plugins.md is the contract the worker follows.
/// </summary>
public static class DedupeKeys
{
    public const string PendingSuffix = "pending";

    /// <summary>Stands for "every column" when the merged list no longer fits ec_changedcolumns.</summary>
    public const string AllColumns = "*";

    public static string Pending(SyncOperation operation, string table, Guid id) =>
        (operation.ToString() + ":" + table + ":" + id.ToString("D") + ":" + PendingSuffix).ToLowerInvariant();

    /// <summary>The key of a claimed row (what the worker writes when it takes the row).</summary>
    public static string Claimed(string pendingKey, Guid requestId)
    {
        if (pendingKey is null || !pendingKey.EndsWith(":" + PendingSuffix, StringComparison.Ordinal))
            throw new ArgumentException("Not a pending dedupe key: " + pendingKey, nameof(pendingKey));
        return pendingKey.Substring(0, pendingKey.Length - PendingSuffix.Length) + requestId.ToString("D");
    }

    /// <summary>Comma-separated, sorted, distinct, lower-case column names; <see cref="AllColumns"/> absorbs everything.</summary>
    public static string MergeColumns(string? existing, IEnumerable<string> added)
    {
        var names = new List<string>();
        if (!string.IsNullOrEmpty(existing))
            names.AddRange(existing!.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(n => n.Trim()));
        names.AddRange(added);
        var merged = SyncRequestDraft.Names(names.Where(n => n.Length > 0));
        if (merged.Contains(AllColumns))
            return AllColumns;
        var text = string.Join(",", merged);
        return text.Length > SyncRequest.ChangedColumnsMaxLength ? AllColumns : text;
    }
}
