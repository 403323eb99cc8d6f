using EmailConnector.Dataverse;
using EmailConnector.Dataverse.Rows;
using EmailConnector.Dataverse.Errors;
using EmailConnector.Dataverse.Query;
using EmailConnector.Schema;

namespace EmailConnector.Worker.Queue;

/// <summary>
/// Reads and writes <c>ec_syncrequest</c> rows through the Web API. Every write after the claim is conditional on the
/// ETag the claim produced: a worker whose lease was taken over cannot overwrite the new owner's row.
/// </summary>
public sealed class SyncRequestStore(DataverseClient client)
{
    private static readonly string Pending = ((int)QueueState.Pending).ToString(System.Globalization.CultureInfo.InvariantCulture);
    private static readonly string InProgress = ((int)QueueState.InProgress).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Up to <paramref name="max"/> rows a worker may claim at <paramref name="now"/>: Pending and due, or In progress
    /// with an expired lease (a crashed or stalled worker), oldest first.
    /// </summary>
    public async Task<IReadOnlyList<SyncRequestRecord>> FindClaimableAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var at = ODataLiteral.Format(now);
        var query = new ODataQuery(EntitySets.SyncRequests)
            .Select(SyncRequestRecord.Columns)
            .Where(
                $"({SyncRequest.QueueState} eq {Pending} and ({SyncRequest.NextAttemptOn} eq null or {SyncRequest.NextAttemptOn} le {at}))" +
                $" or ({SyncRequest.QueueState} eq {InProgress} and {SyncRequest.LeaseExpiresOn} lt {at})")
            .OrderBy("createdon")
            .Take(max);
        var rows = new List<SyncRequestRecord>();
        await foreach (var row in client.QueryAsync(query, cancellationToken).ConfigureAwait(false))
            rows.Add(SyncRequestRecord.From(row));
        return rows;
    }

    /// <summary>
    /// Takes the row for <paramref name="owner"/> until <paramref name="leaseExpiresOn"/>, counting the attempt and
    /// rewriting a pending dedupe key, on the condition that the row is unchanged since it was read. Null when another
    /// worker (or a plugin coalescing into it) changed the row first, or the row is gone.
    /// </summary>
    public async Task<SyncRequestRecord?> TryClaimAsync(SyncRequestRecord row, string owner, DateTimeOffset leaseExpiresOn, CancellationToken cancellationToken)
    {
        var update = new DataverseRow()
            .Set(SyncRequest.QueueState, QueueState.InProgress)
            .Set(SyncRequest.LeaseOwner, owner)
            .Set(SyncRequest.LeaseExpiresOn, leaseExpiresOn)
            .Set(SyncRequest.Attempts, row.Attempts + 1);
        var claimedKey = DedupeKey.OnClaim(row.DedupeKey, row.Id);
        if (!string.Equals(claimedKey, row.DedupeKey, StringComparison.Ordinal))
            update.Set(SyncRequest.DedupeKey, claimedKey);

        if (!await TryUpdateAsync(row.Id, update, row.ETag, cancellationToken).ConfigureAwait(false))
            return null;

        var current = await client.TryRetrieveAsync(EntitySets.SyncRequests, row.Id, RetrieveOptions.Columns(SyncRequestRecord.Columns), cancellationToken).ConfigureAwait(false);
        if (current is null)
            return null;
        var claimed = SyncRequestRecord.From(current);
        return claimed.State == QueueState.InProgress && string.Equals(claimed.LeaseOwner, owner, StringComparison.Ordinal) ? claimed : null;
    }

    /// <summary>Marks the claimed row Succeeded. False when the lease was lost meanwhile.</summary>
    public Task<bool> CompleteAsync(SyncRequestRecord claimed, DateTimeOffset now, CancellationToken cancellationToken) =>
        TryUpdateAsync(claimed.Id, EndLease(QueueState.Succeeded).Set(SyncRequest.CompletedOn, now).Set(SyncRequest.LastError, null), claimed.ETag, cancellationToken);

    /// <summary>Puts the claimed row back to Pending, due at <paramref name="nextAttemptOn"/>, with the error.</summary>
    public Task<bool> ScheduleRetryAsync(SyncRequestRecord claimed, string error, DateTimeOffset nextAttemptOn, CancellationToken cancellationToken) =>
        TryUpdateAsync(claimed.Id, EndLease(QueueState.Pending).Set(SyncRequest.NextAttemptOn, nextAttemptOn).Set(SyncRequest.LastError, Truncate(error)), claimed.ETag, cancellationToken);

    /// <summary>Parks the claimed row with the error: no worker takes it again until someone sets it back to Pending.</summary>
    public Task<bool> ParkAsync(SyncRequestRecord claimed, string error, DateTimeOffset now, CancellationToken cancellationToken) =>
        TryUpdateAsync(claimed.Id, EndLease(QueueState.Parked).Set(SyncRequest.CompletedOn, now).Set(SyncRequest.LastError, Truncate(error)), claimed.ETag, cancellationToken);

    /// <summary>
    /// Hands an unfinished row back (shutdown): Pending, due at once, and the interrupted attempt not counted.
    /// </summary>
    public Task<bool> ReleaseAsync(SyncRequestRecord claimed, CancellationToken cancellationToken) =>
        TryUpdateAsync(claimed.Id, EndLease(QueueState.Pending).Set(SyncRequest.NextAttemptOn, null).Set(SyncRequest.Attempts, Math.Max(0, claimed.Attempts - 1)), claimed.ETag, cancellationToken);

    /// <summary>
    /// Stores a handler's progress in <c>ec_parameters</c> on the claimed row and moves <see cref="SyncRequestRecord.ETag"/>
    /// on. False when the lease was lost meanwhile.
    /// </summary>
    public async Task<bool> SaveParametersAsync(SyncRequestRecord claimed, string parameters, CancellationToken cancellationToken)
    {
        if (!await TryUpdateAsync(claimed.Id, new DataverseRow().Set(SyncRequest.Parameters, parameters), claimed.ETag, cancellationToken).ConfigureAwait(false))
            return false;
        var current = await client.TryRetrieveAsync(EntitySets.SyncRequests, claimed.Id, RetrieveOptions.Columns(SyncRequest.PrimaryId), cancellationToken).ConfigureAwait(false);
        if (current?.ETag is not { } etag)
            return false;
        claimed.ETag = etag;
        return true;
    }

    /// <summary>
    /// Extends the claimed row's lease to <paramref name="leaseExpiresOn"/>, conditional on the claim's ETag, and moves
    /// <see cref="SyncRequestRecord.ETag"/> and <see cref="SyncRequestRecord.LeaseExpiresOn"/> on. False when the lease
    /// was lost meanwhile (another worker took the row over, or it is gone).
    /// </summary>
    public async Task<bool> RenewLeaseAsync(SyncRequestRecord claimed, DateTimeOffset leaseExpiresOn, CancellationToken cancellationToken)
    {
        if (!await TryUpdateAsync(claimed.Id, new DataverseRow().Set(SyncRequest.LeaseExpiresOn, leaseExpiresOn), claimed.ETag, cancellationToken).ConfigureAwait(false))
            return false;
        var current = await client.TryRetrieveAsync(EntitySets.SyncRequests, claimed.Id, RetrieveOptions.Columns(SyncRequest.PrimaryId), cancellationToken).ConfigureAwait(false);
        if (current?.ETag is not { } etag)
            return false;
        claimed.ETag = etag;
        claimed.LeaseExpiresOn = leaseExpiresOn;
        return true;
    }

    private static DataverseRow EndLease(QueueState state) => new DataverseRow()
        .Set(SyncRequest.QueueState, state)
        .Set(SyncRequest.LeaseOwner, null)
        .Set(SyncRequest.LeaseExpiresOn, null);

    private async Task<bool> TryUpdateAsync(Guid id, DataverseRow update, string etag, CancellationToken cancellationToken)
    {
        try
        {
            await client.UpdateAsync(EntitySets.SyncRequests, id, update, etag, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DataverseConcurrencyException exception) when (!exception.IsDuplicateRecord)
        {
            return false;
        }
        catch (DataverseNotFoundException)
        {
            return false;
        }
    }

    internal static string Truncate(string error) => error.Length <= LastErrorMaxLength ? error : error[..(LastErrorMaxLength - 1)] + "…";

    // ec_lasterror's MaxLength in the solution.
    internal const int LastErrorMaxLength = 4000;
}
