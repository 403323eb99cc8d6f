using System.Text.Json.Nodes;
using EmailConnector.Dataverse.Batch;
using EmailConnector.Dataverse.Http;
using EmailConnector.Dataverse.Rows;

namespace EmailConnector.Dataverse;

public sealed partial class DataverseClient
{
    /// <summary>
    /// Sends a <c>$batch</c>. Without <paramref name="continueOnError"/> Dataverse stops at the first failure; with it,
    /// every request runs and reports its own status. The batch is retried on transient failures only when all of
    /// its requests are idempotent.
    /// </summary>
    public async Task<BatchResult> ExecuteBatchAsync(DataverseBatch batch, bool continueOnError = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.RequestCount == 0)
        {
            return new BatchResult([], 0);
        }

        var boundary = "batch_" + Guid.NewGuid().ToString("N");
        var body = BatchWriter.Write(batch, ServiceRoot, boundary, () => "changeset_" + Guid.NewGuid().ToString("N"));
        var request = new DataverseRequest(HttpMethod.Post, "$batch", "Batch", batch.IsIdempotent, body)
        {
            ContentType = "multipart/mixed; boundary=" + boundary,
            Weight = batch.RequestCount,
        };
        if (continueOnError)
        {
            request.Prefer("odata.continue-on-error");
        }

        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var contentType = response.Content.Headers.ContentType?.ToString()
            ?? throw new InvalidDataException("The $batch response has no Content-Type.");
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var result = new BatchResult(BatchResponseReader.Read(text, contentType), batch.RequestCount);
        Log.BatchCompleted(_logger, batch.RequestCount, result.Failures.Count() + batch.RequestCount - result.Responses.Count);
        return result;
    }

    /// <summary>
    /// Sends independent requests in batches of <see cref="DataverseOptions.BatchSize"/> (at most 1,000), each request
    /// on its own or, with <paramref name="atomicChunks"/>, each chunk as one change set.
    /// </summary>
    public async Task<IReadOnlyList<BatchResult>> ExecuteInBatchesAsync(
        IEnumerable<DataverseRequest> requests, bool continueOnError = false, bool atomicChunks = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var results = new List<BatchResult>();
        foreach (var chunk in requests.Chunk(_options.BatchSize))
        {
            var batch = new DataverseBatch();
            if (atomicChunks)
            {
                batch.AddChangeSet(chunk);
            }
            else
            {
                foreach (var request in chunk)
                {
                    batch.Add(request);
                }
            }

            results.Add(await ExecuteBatchAsync(batch, continueOnError, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>
    /// <c>CreateMultiple</c> in chunks of <see cref="DataverseOptions.BulkSize"/>; returns the new ids in row order.
    /// Each chunk is all-or-nothing on standard tables, and a chunk is never repeated after a transient failure.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> CreateMultipleAsync(string entitySet, string logicalName, IEnumerable<DataverseRow> rows, CancellationToken cancellationToken = default)
    {
        var ids = new List<Guid>();
        var chunks = 0;
        foreach (var chunk in Targets(logicalName, rows))
        {
            var result = await ExecuteAsync(BulkRequest(entitySet, "CreateMultiple", chunk, isIdempotent: false), cancellationToken).ConfigureAwait(false);
            if (result?.Json["Ids"] is not JsonArray created || created.Count != chunk.Count)
            {
                throw new InvalidDataException("CreateMultiple answered without one id per target.");
            }

            ids.AddRange(created.Select(id => Guid.Parse(id!.GetValue<string>())));
            chunks++;
        }

        Log.BulkCompleted(_logger, "CreateMultiple " + entitySet, ids.Count, chunks);
        return ids;
    }

    /// <summary><c>UpdateMultiple</c> in chunks; each row carries its primary key (or <c>@odata.id</c>).</summary>
    public Task UpdateMultipleAsync(string entitySet, string logicalName, IEnumerable<DataverseRow> rows, CancellationToken cancellationToken = default) =>
        SendBulkAsync(entitySet, "UpdateMultiple", logicalName, rows, null, cancellationToken);

    /// <summary>
    /// <c>UpdateMultiple</c> with the <c>tag</c> request parameter (<c>?tag=</c>), which plugins read as
    /// <c>SharedVariables["tag"]</c>: how a caller tells a plugin where a change comes from.
    /// </summary>
    public Task UpdateMultipleAsync(string entitySet, string logicalName, IEnumerable<DataverseRow> rows, string tag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        return SendBulkAsync(entitySet, "UpdateMultiple", logicalName, rows, tag, cancellationToken);
    }

    /// <summary>
    /// <c>UpsertMultiple</c> in chunks; each row carries its primary key or an alternate key as <c>@odata.id</c>
    /// (see <see cref="WithKey(DataverseRow, string, RecordKey)"/>).
    /// </summary>
    public Task UpsertMultipleAsync(string entitySet, string logicalName, IEnumerable<DataverseRow> rows, CancellationToken cancellationToken = default) =>
        SendBulkAsync(entitySet, "UpsertMultiple", logicalName, rows, null, cancellationToken);

    /// <summary>Marks a bulk target with its key: <c>"@odata.id": "contacts(emailaddress1='…')"</c>.</summary>
    public static DataverseRow WithKey(DataverseRow row, string entitySet, RecordKey key)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(key);
        row.Json["@odata.id"] = key.Id is null ? UnescapedPath(entitySet, key) : key.ToPath(entitySet);
        return row;
    }

    private async Task SendBulkAsync(string entitySet, string message, string logicalName, IEnumerable<DataverseRow> rows, string? tag, CancellationToken cancellationToken)
    {
        var count = 0;
        var chunks = 0;
        foreach (var chunk in Targets(logicalName, rows))
        {
            // Updates and upserts address rows by key, so repeating a chunk leaves the same state.
            await ExecuteAsync(BulkRequest(entitySet, message, chunk, isIdempotent: true, tag), cancellationToken).ConfigureAwait(false);
            count += chunk.Count;
            chunks++;
        }

        Log.BulkCompleted(_logger, message + " " + entitySet, count, chunks);
    }

    private IEnumerable<List<JsonObject>> Targets(string logicalName, IEnumerable<DataverseRow> rows)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(logicalName);
        ArgumentNullException.ThrowIfNull(rows);
        var chunk = new List<JsonObject>(_options.BulkSize);
        foreach (var row in rows)
        {
            var target = row.Clone().Json;
            target["@odata.type"] = "Microsoft.Dynamics.CRM." + logicalName;
            chunk.Add(target);
            if (chunk.Count == _options.BulkSize)
            {
                yield return chunk;
                chunk = new List<JsonObject>(_options.BulkSize);
            }
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private static DataverseRequest BulkRequest(string entitySet, string message, List<JsonObject> targets, bool isIdempotent, string? tag = null) =>
        DataverseRequest.Action(message, new JsonObject { ["Targets"] = new JsonArray([.. targets]) }, isIdempotent, entitySet, tag: tag);

    // @odata.id is a JSON string, not a URL: the key values stay readable, only quotes are escaped.
    private static string UnescapedPath(string entitySet, RecordKey key) =>
        entitySet + "(" + string.Join(",", key.AlternateKey.Select(k => k.Key + "=" + ODataLiteral.Format(k.Value))) + ")";
}
