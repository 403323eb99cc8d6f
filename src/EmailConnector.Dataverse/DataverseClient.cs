using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmailConnector.Dataverse.Errors;
using EmailConnector.Dataverse.Http;
using EmailConnector.Dataverse.Resilience;
using EmailConnector.Dataverse.Rows;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;

namespace EmailConnector.Dataverse;

/// <summary>
/// The worker's Dataverse Web API client. Every call goes through the <see cref="ResiliencePipelineNames.Dataverse"/>
/// pipeline and fails with a <see cref="DataverseException"/> carrying Dataverse's error code.
/// </summary>
public sealed partial class DataverseClient
{
    private static long s_callNumber;

    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly DataverseOptions _options;
    private readonly DataverseMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<DataverseClient> _logger;

    /// <summary>Creates the client over an <see cref="HttpClient"/> whose handlers add the bearer token.</summary>
    public DataverseClient(
        HttpClient http,
        ResiliencePipelineProvider<string> pipelines,
        IOptions<DataverseOptions> options,
        DataverseMetrics metrics,
        TimeProvider time,
        ILogger<DataverseClient> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(pipelines);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _pipeline = pipelines.GetPipeline<HttpResponseMessage>(ResiliencePipelineNames.Dataverse);
        _options = options.Value;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        ServiceRoot = http.BaseAddress ?? _options.ServiceRoot;
    }

    /// <summary>The service root, <c>…/api/data/v9.2/</c>.</summary>
    public Uri ServiceRoot { get; }

    /// <summary>Targets per bulk call (<see cref="DataverseOptions.BulkSize"/>).</summary>
    public int BulkSize => _options.BulkSize;

    /// <summary>Creates a row; returns its id from the <c>OData-EntityId</c> header (204).</summary>
    public async Task<Guid> CreateAsync(string entitySet, DataverseRow row, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(DataverseRequest.Create(entitySet, row), cancellationToken).ConfigureAwait(false);
        return EntityIdOf(response) ?? throw new InvalidDataException("Dataverse created the row but sent no OData-EntityId header.");
    }

    /// <summary>Creates a row and returns it as stored (<c>Prefer: return=representation</c>, 201).</summary>
    public async Task<DataverseRow> CreateAndRetrieveAsync(string entitySet, DataverseRow row, IReadOnlyList<string>? select = null, CancellationToken cancellationToken = default)
    {
        var created = DataverseRequest.Create(entitySet, row);
        var request = new DataverseRequest(HttpMethod.Post, entitySet + SelectQuery(select), created.Operation, isIdempotent: false, created.Body)
            .Prefer("return=representation");
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadRowAsync(response, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException("Dataverse answered return=representation without a body.");
    }

    /// <summary>Retrieves a row by id or alternate key; throws <see cref="DataverseNotFoundException"/> when missing.</summary>
    public async Task<DataverseRow> RetrieveAsync(string entitySet, RecordKey key, RetrieveOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var request = DataverseRequest.Get(key.ToPath(entitySet) + (options?.ToQueryString() ?? string.Empty), "Retrieve " + entitySet);
        if (options?.Annotations is { } annotations)
        {
            request.Prefer(IncludeAnnotations(annotations));
        }

        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadRowAsync(response, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException("Dataverse answered a retrieve without a body.");
    }

    /// <summary>Retrieves a row, or null when it does not exist.</summary>
    public async Task<DataverseRow?> TryRetrieveAsync(string entitySet, RecordKey key, RetrieveOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await RetrieveAsync(entitySet, key, options, cancellationToken).ConfigureAwait(false);
        }
        catch (DataverseNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Updates an existing row (never creates it). With <paramref name="ifMatchETag"/> the update fails with
    /// <see cref="DataverseConcurrencyException"/> when the row changed since it was read.
    /// </summary>
    public async Task UpdateAsync(string entitySet, RecordKey key, DataverseRow row, string? ifMatchETag = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(DataverseRequest.Update(entitySet, key, row, ifMatchETag), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates or updates a row by key (PATCH); returns the row's id from <c>OData-EntityId</c> when sent.</summary>
    public async Task<Guid?> UpsertAsync(string entitySet, RecordKey key, DataverseRow row, UpsertBehavior behavior = UpsertBehavior.CreateOrUpdate, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(DataverseRequest.Upsert(entitySet, key, row, behavior), cancellationToken).ConfigureAwait(false);
        return EntityIdOf(response);
    }

    /// <summary>Deletes a row, optionally only if it still has <paramref name="ifMatchETag"/>.</summary>
    public async Task DeleteAsync(string entitySet, RecordKey key, string? ifMatchETag = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(DataverseRequest.Delete(entitySet, key, ifMatchETag), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Associates a row through a collection-valued navigation property (<c>$ref</c>).</summary>
    public async Task AssociateAsync(string entitySet, RecordKey key, string navigationProperty, string relatedEntitySet, RecordKey relatedKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(relatedKey);
        var related = new Uri(ServiceRoot, relatedKey.ToPath(relatedEntitySet));
        using var response = await SendAsync(DataverseRequest.Associate(entitySet, key, navigationProperty, related), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes an association: one related row of a collection-valued property, or the single-valued property itself
    /// when <paramref name="relatedId"/> is null.
    /// </summary>
    public async Task DisassociateAsync(string entitySet, RecordKey key, string navigationProperty, Guid? relatedId = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(DataverseRequest.Disassociate(entitySet, key, navigationProperty, relatedId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends any request; returns its JSON body as a row, or null for 204.</summary>
    public async Task<DataverseRow?> ExecuteAsync(DataverseRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadRowAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a request through the resilience pipeline and returns the successful response (the caller disposes it);
    /// a failure becomes a <see cref="DataverseException"/>.
    /// </summary>
    internal async Task<HttpResponseMessage> SendAsync(DataverseRequest request, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = ResilienceContextPool.Shared.Get(request.Operation, cancellationToken);
        context.Properties.Set(DataverseResilienceKeys.Idempotent, request.IsIdempotent);
        context.Properties.Set(DataverseResilienceKeys.Operation, request.Operation);
        context.Properties.Set(DataverseResilienceKeys.Weight, request.Weight);
        var call = new CallState(this, request, completion, Interlocked.Increment(ref s_callNumber));
        try
        {
            var outcome = await _pipeline.ExecuteOutcomeAsync(static (ctx, state) => state.Client.AttemptAsync(state, ctx), context, call).ConfigureAwait(false);
            outcome.ThrowIfException();
            var response = outcome.Result!;
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                var error = await DataverseErrorReader.ReadAsync(response, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                Log.CallFailed(_logger, request.Operation, (int)error.StatusCode, error.ErrorCode ?? "none");
                throw error;
            }
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<Outcome<HttpResponseMessage>> AttemptAsync(CallState call, ResilienceContext context)
    {
        var message = call.Request.ToHttpRequestMessage(ServiceRoot);
        message.Options.Set(DataverseRequestOptions.CallNumber, call.Number);
        message.Options.Set(DataverseRequestOptions.Attempt, ++call.Attempts);
        try
        {
            var response = await _http.SendAsync(message, call.Completion, context.CancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                // Error bodies are small; buffering them lets the retry strategy and the error reader both read them.
                await response.Content.LoadIntoBufferAsync(context.CancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var body = await response.Content.ReadAsStringAsync(context.CancellationToken).ConfigureAwait(false);
                    _metrics.Throttled(DataverseErrorReader.Parse(body).Code, _time.GetUtcNow());
                }
            }

            return Outcome.FromResult(response);
        }
#pragma warning disable CA1031 // Every failure becomes an outcome; the retry strategy decides what is transient.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Outcome.FromException<HttpResponseMessage>(ex);
        }
    }

    private static Guid? EntityIdOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("OData-EntityId", out var values) ? EntityIdParser.Parse(values.FirstOrDefault()) : null;

    private static async Task<DataverseRow?> ReadRowAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
        {
            return null;
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var document = await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
        return DataverseRow.FromJson(document.RootElement);
    }

    private static string SelectQuery(IReadOnlyList<string>? select) =>
        select is { Count: > 0 } ? "?$select=" + string.Join(",", select) : string.Empty;

    internal static string IncludeAnnotations(string annotations) => "odata.include-annotations=\"" + annotations + "\"";

    private static JsonObject EntityReference(string logicalName, string primaryKey, Guid id) => new()
    {
        [primaryKey] = id.ToString("D"),
        ["@odata.type"] = "Microsoft.Dynamics.CRM." + logicalName,
    };

    private sealed class CallState(DataverseClient client, DataverseRequest request, HttpCompletionOption completion, long number)
    {
        public DataverseClient Client { get; } = client;

        public DataverseRequest Request { get; } = request;

        public HttpCompletionOption Completion { get; } = completion;

        public long Number { get; } = number;

        public int Attempts { get; set; }
    }
}
