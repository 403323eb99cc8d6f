using EmailConnector.Schema;

namespace EmailConnector.Worker.Queue;

/// <summary>
/// The claim rule of docs/plugins.md: a Pending row's key <c>{operation}:{table}:{id}:pending</c> becomes
/// <c>{operation}:{table}:{id}:{ec_syncrequestid}</c> in the update that takes the lease, so later changes start a new
/// row. Keys that were claimed before (a retry) stay as they are.
/// </summary>
public static class DedupeKey
{
    public const string PendingSuffix = ":pending";

    public static string? OnClaim(string? currentKey, Guid requestId)
    {
        if (currentKey is null || !currentKey.EndsWith(PendingSuffix, StringComparison.Ordinal))
            return currentKey;
        var claimed = currentKey[..^"pending".Length] + requestId.ToString("D");
        if (claimed.Length > SyncRequest.DedupeKeyMaxLength)
            throw new InvalidOperationException($"The claimed dedupe key of sync request {requestId:D} would exceed {SyncRequest.DedupeKeyMaxLength} characters.");
        return claimed;
    }
}
