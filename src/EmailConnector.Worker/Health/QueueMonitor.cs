using System.Globalization;
using EmailConnector.Dataverse;
using EmailConnector.Dataverse.Query;
using EmailConnector.Schema;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmailConnector.Worker.Health;

/// <summary>
/// Reads the queue's counts and its oldest pending request every <c>Health:QueueRefreshInterval</c>, so the gauges
/// and the health endpoint answer from memory however often they are scraped.
/// </summary>
public sealed class QueueMonitor(DataverseClient client, IOptions<HealthOptions> options, TimeProvider time, ILogger<QueueMonitor> logger) : BackgroundService
{
    private QueueSnapshot? _current;
    private string? _lastRefreshError;

    /// <summary>The last snapshot that was read, or null before the first one.</summary>
    public QueueSnapshot? Current => Volatile.Read(ref _current);

    /// <summary>The error type of the last failed refresh, or null when the last refresh worked.</summary>
    public string? LastRefreshError => Volatile.Read(ref _lastRefreshError);

    /// <summary>Reads the queue now (three count queries, one of them returning the oldest pending row).</summary>
    public async Task<QueueSnapshot> RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            var takenAt = time.GetUtcNow();
            var (pending, oldest) = await CountAsync(QueueState.Pending, cancellationToken).ConfigureAwait(false);
            var (inProgress, _) = await CountAsync(QueueState.InProgress, cancellationToken).ConfigureAwait(false);
            var (parked, _) = await CountAsync(QueueState.Parked, cancellationToken).ConfigureAwait(false);
            var snapshot = new QueueSnapshot(takenAt, pending, inProgress, parked, oldest);
            Volatile.Write(ref _current, snapshot);
            Volatile.Write(ref _lastRefreshError, null);
            return snapshot;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Volatile.Write(ref _lastRefreshError, exception.GetType().Name);
            throw;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RefreshAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    Log.QueueSnapshotFailed(logger, exception);
                }

                await Task.Delay(options.Value.QueueRefreshInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private async Task<(int Count, DateTimeOffset? Oldest)> CountAsync(QueueState state, CancellationToken cancellationToken)
    {
        var query = new ODataQuery(EntitySets.SyncRequests)
            .Select(SyncRequest.PrimaryId, "createdon")
            .Where($"{SyncRequest.QueueState} eq {((int)state).ToString(CultureInfo.InvariantCulture)}")
            .OrderBy("createdon")
            .WithPageSize(1)
            .WithCount();
        // Only the first page is read: one row (the oldest) and the count. $count is not combined with $top (the emulator refuses it, as the Web API docs advise).
        await foreach (var page in client.QueryPagesAsync(query, cancellationToken).ConfigureAwait(false))
        {
            var oldest = page.Rows.Count > 0 && page.Rows[0].GetDateTime("createdon") is { } created ? new DateTimeOffset(created, TimeSpan.Zero) : (DateTimeOffset?)null;
            return (page.Count ?? page.Rows.Count, oldest);
        }

        return (0, null);
    }
}
