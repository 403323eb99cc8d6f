using System.Collections.Concurrent;
using System.Net;
using EmailConnector.Dataverse;
using EmailConnector.Dataverse.Errors;
using EmailConnector.Dataverse.Http;
using EmailConnector.Dataverse.Rows;
using Microsoft.Extensions.Logging;

namespace EmailConnector.Worker.Reactions;

/// <summary>
/// Creates the rows the write-back adds (campaign responses, email activities, leads), activities with their parties
/// inline (<c>&lt;table&gt;_activity_parties</c>): <c>CreateMultiple</c> in chunks of <c>Dataverse:BulkSize</c>, so
/// a thousand new rows cost one request against the service protection limit of 6,000 per five minutes instead of a
/// thousand (a <c>$batch</c> counts each of its requests; decision 0006).
/// </summary>
/// <remarks>
/// A chunk is all-or-nothing, so a chunk the bulk call refuses is created again as single creates in <c>$batch</c>
/// requests (continue on error). They tell a row another worker created meanwhile (duplicate key: reported back, not
/// an error) from a real error (thrown). When the single creates of a refused chunk all succeed, the refusal was the
/// bulk call itself — an org whose table does not offer CreateMultiple, or that does not take parties in its
/// targets — and this process creates that table's rows singly from then on, with one warning.
/// </remarks>
public sealed class BulkCreates(DataverseClient client, ILogger<BulkCreates> logger)
{
    private readonly ConcurrentDictionary<string, bool> _singlesOnly = new(StringComparer.Ordinal);

    /// <summary>Whether this process has stopped using CreateMultiple for the table.</summary>
    public bool IsSinglesOnly(string logicalName) => _singlesOnly.ContainsKey(logicalName);

    /// <summary>
    /// Creates <paramref name="rows"/> (no <c>@odata.id</c>); returns the indexes of those that existed already
    /// (duplicate key), which were left as they are.
    /// </summary>
    public async Task<IReadOnlyList<int>> CreateAsync(string entitySet, string logicalName, IReadOnlyList<DataverseRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var existing = new List<int>();
        for (var offset = 0; offset < rows.Count; offset += client.BulkSize)
        {
            var chunk = Enumerable.Range(offset, Math.Min(client.BulkSize, rows.Count - offset)).Select(i => rows[i]).ToList();
            if (IsSinglesOnly(logicalName))
            {
                existing.AddRange((await CreateSinglyAsync(entitySet, chunk, cancellationToken).ConfigureAwait(false)).Select(i => offset + i));
                continue;
            }

            DataverseException refusal;
            try
            {
                await client.CreateMultipleAsync(entitySet, logicalName, chunk, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (DataverseException exception) when (exception is not DataverseThrottledException)
            {
                refusal = exception;
            }

            WriteBackLog.BulkCreateRefused(logger, logicalName, chunk.Count, (int)refusal.StatusCode, refusal.ErrorCode);
            var duplicates = await CreateSinglyAsync(entitySet, chunk, cancellationToken).ConfigureAwait(false);
            existing.AddRange(duplicates.Select(i => offset + i));
            if (duplicates.Count == 0 && refusal.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.NotImplemented
                && _singlesOnly.TryAdd(logicalName, true))
            {
                WriteBackLog.BulkCreateOff(logger, logicalName);
            }
        }

        if (existing.Count > 0)
            WriteBackLog.CreatedConcurrently(logger, existing.Count, logicalName);
        return existing;
    }

    private async Task<List<int>> CreateSinglyAsync(string entitySet, IReadOnlyList<DataverseRow> rows, CancellationToken cancellationToken)
    {
        var requests = rows.Select(row => DataverseRequest.Create(entitySet, row)).ToList();
        var duplicates = new List<int>();
        var offset = 0;
        foreach (var result in await client.ExecuteInBatchesAsync(requests, continueOnError: true, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (result.Responses.Count < result.RequestCount)
                throw new InvalidDataException($"A $batch of {result.RequestCount} {entitySet} creates answered {result.Responses.Count} time(s).");
            for (var i = 0; i < result.RequestCount; i++)
            {
                var answer = result.Responses[i];
                if (answer.IsSuccess)
                    continue;
                if (answer.Error is DataverseConcurrencyException { IsDuplicateRecord: true })
                    duplicates.Add(offset + i);
                else
                    throw answer.Error!;
            }

            offset += result.RequestCount;
        }

        return duplicates;
    }
}
