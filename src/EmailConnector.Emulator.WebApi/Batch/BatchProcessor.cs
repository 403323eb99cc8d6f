using System.ServiceModel;
using System.Text;
using EmailConnector.Emulator.Faults;
using EmailConnector.Emulator.WebApi.Json;
using EmailConnector.Emulator.WebApi.Routing;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.WebApi.Batch;

/// <summary>
/// $batch (dataverse.md §3.8): at most 1,000 operations, no nesting. Parts outside change sets run one by one and stop
/// at the first failure unless <c>Prefer: odata.continue-on-error</c>; a change set runs as one ExecuteTransaction, all
/// or nothing, with "$n" references to earlier parts of the same change set, and a failed change set answers with one
/// error part.
/// </summary>
internal sealed class BatchProcessor(WebApiDispatcher dispatcher)
{
    public const int MaxOperations = 1000;

    private sealed record InnerRequest(ApiRequest Request, string? ContentId);

    /// <summary>Counts the operations of a batch without running it (each counts toward service protection).</summary>
    public static int CountOperations(IReadOnlyList<object> items) =>
        items.Sum(i => i is List<InnerRequest> changeSet ? changeSet.Count : 1);

    public ApiResponse Handle(ApiRequest batch, Func<int, WebApiException?>? admit = null)
    {
        try
        {
            if (batch.Method != "POST")
                throw WebApiDispatcher.MethodNotAllowed(batch);
            var items = Parse(batch);
            var count = CountOperations(items);
            if (count > MaxOperations)
            {
                throw new WebApiException(400, ErrorCodes.ExecuteMultipleBatchSizeExceeded.Hex,
                    $"The number of requests in the batch ({count}) exceeds the maximum of {MaxOperations}.");
            }
            if (admit?.Invoke(count) is { } refused)
                throw refused;
            return Run(batch, items);
        }
        catch (Exception exception)
        {
            return WebApiDispatcher.ErrorResponse(exception);
        }
    }

    private ApiResponse Run(ApiRequest batch, List<object> items)
    {
        var continueOnError = Preferences.Parse(batch.Header("Prefer")).ContinueOnError;
        var boundary = "batchresponse_" + Guid.NewGuid().ToString("D");
        var output = new StringBuilder();
        foreach (var item in items)
        {
            bool failed;
            if (item is List<InnerRequest> changeSet)
            {
                failed = RunChangeSet(changeSet, output, boundary);
            }
            else
            {
                var inner = (InnerRequest)item;
                var response = dispatcher.Handle(inner.Request);
                Multipart.AppendHttpPart(output, boundary, inner.ContentId, response);
                failed = response.Status >= 400;
            }
            if (failed && !continueOnError)
                break;
        }
        output.Append("--").Append(boundary).Append("--\r\n");
        var result = new ApiResponse(200) { ContentType = "multipart/mixed; boundary=" + boundary, Body = Encoding.UTF8.GetBytes(output.ToString()) };
        if (continueOnError)
            result.With("Preference-Applied", "odata.continue-on-error");
        return result;
    }

    private bool RunChangeSet(List<InnerRequest> parts, StringBuilder output, string batchBoundary)
    {
        var context = new ChangeSetContext();
        var operations = new List<(InnerRequest Part, Operation Operation, int First)>();
        var requests = new OrganizationRequestCollection();
        var userId = parts.Count > 0 ? parts[0].Request.UserId : Guid.Empty;
        try
        {
            foreach (var part in parts)
            {
                if (part.Request.Method == "GET")
                    throw WebApiErrors.Malformed("A change set cannot contain GET requests.");
                var operation = dispatcher.Translate(WithReference(part.Request, context), context);
                if (part.ContentId is not null && operation.EntityUrl is not null)
                    context.ContentIds[part.ContentId] = operation.EntityUrl;
                operations.Add((part, operation, requests.Count));
                foreach (var request in operation.Requests)
                    requests.Add(request);
            }
            var responses = new List<OrganizationResponse>();
            if (requests.Count > 0)
            {
                var transaction = new OrganizationRequest("ExecuteTransaction") { ["Requests"] = requests, ["ReturnResponses"] = true };
                responses.AddRange((OrganizationResponseCollection)dispatcher.Execute(transaction, userId).Results["Responses"]);
            }
            var changeSetBoundary = "changesetresponse_" + Guid.NewGuid().ToString("D");
            var inner = new StringBuilder();
            foreach (var (part, operation, first) in operations)
            {
                var slice = responses.Skip(first).Take(operation.Requests.Count).ToList();
                Multipart.AppendHttpPart(inner, changeSetBoundary, part.ContentId, operation.Respond(slice));
            }
            inner.Append("--").Append(changeSetBoundary).Append("--\r\n");
            output.Append("--").Append(batchBoundary).Append("\r\n");
            output.Append("Content-Type: multipart/mixed; boundary=").Append(changeSetBoundary).Append("\r\n\r\n");
            output.Append(inner);
            return false;
        }
        catch (FaultException<OrganizationServiceFault> fault) when (fault.Detail is ExecuteTransactionFault failed)
        {
            var failedPart = operations.LastOrDefault(o => o.First <= failed.FaultedRequestIndex).Part;
            Multipart.AppendHttpPart(output, batchBoundary, failedPart?.ContentId, WebApiDispatcher.ErrorResponse(fault));
            return true;
        }
        catch (Exception exception)
        {
            Multipart.AppendHttpPart(output, batchBoundary, null, WebApiDispatcher.ErrorResponse(exception));
            return true;
        }
    }

    // "POST $1/contact_customer_accounts/$ref": a URL may start with the Content-ID of an earlier part.
    private static ApiRequest WithReference(ApiRequest request, ChangeSetContext context)
    {
        if (!request.Path.StartsWith('$') || request.Path.Length < 2 || !char.IsDigit(request.Path[1]))
            return request;
        var slash = request.Path.IndexOf('/', StringComparison.Ordinal);
        var id = slash < 0 ? request.Path[1..] : request.Path[1..slash];
        if (!context.ContentIds.TryGetValue(id, out var url))
            throw WebApiErrors.Malformed($"The reference '${id}' does not name an earlier request of the same change set.");
        return new ApiRequest
        {
            Method = request.Method,
            Path = slash < 0 ? url : url + request.Path[slash..],
            RawQuery = request.RawQuery,
            Headers = request.Headers,
            Body = request.Body,
            UserId = request.UserId,
            ServiceRoot = request.ServiceRoot,
        };
    }

    private static List<object> Parse(ApiRequest batch)
    {
        var boundary = Multipart.BoundaryOf(batch.Header("Content-Type"));
        var text = Encoding.UTF8.GetString(batch.Body);
        var items = new List<object>();
        foreach (var part in Multipart.Parse(text, boundary))
        {
            var type = part.Headers.TryGetValue("Content-Type", out var t) ? t : string.Empty;
            if (type.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
            {
                var changeSet = new List<InnerRequest>();
                foreach (var inner in Multipart.Parse(part.Content, Multipart.BoundaryOf(type)))
                {
                    var innerType = inner.Headers.TryGetValue("Content-Type", out var it) ? it : string.Empty;
                    if (innerType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
                        throw WebApiErrors.Malformed("Change sets cannot be nested.");
                    changeSet.Add(ParseHttp(inner, batch));
                }
                items.Add(changeSet);
            }
            else if (type.StartsWith("application/http", StringComparison.OrdinalIgnoreCase))
            {
                items.Add(ParseHttp(part, batch));
            }
            else
            {
                throw WebApiErrors.Malformed($"A batch part must be application/http or a multipart/mixed change set, not '{type}'.");
            }
        }
        return items;
    }

    // A GET inside $batch may have twice the URL of a request line of its own (dataverse.md §3.3).
    internal const int MaxUrlLength = 64 * 1024;

    private static InnerRequest ParseHttp(MimePart part, ApiRequest batch)
    {
        var lines = Multipart.Lines(part.Content).ToList();
        var requestLine = lines.FirstOrDefault(l => l.Length > 0)
            ?? throw WebApiErrors.Malformed("A batch part has no request line.");
        var start = lines.IndexOf(requestLine);
        var pieces = requestLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (pieces.Length is < 2 or > 3 || pieces[0] is not ("GET" or "POST" or "PATCH" or "PUT" or "DELETE"))
            throw WebApiErrors.Malformed($"The batch request line '{requestLine}' is not valid.");
        var (headers, rest) = Multipart.SplitHeaders(lines, start + 1);
        var body = string.Join("\r\n", rest).TrimEnd('\r', '\n');
        var url = pieces[1];
        if (url.Length > MaxUrlLength)
            throw WebApiErrors.Malformed($"The URL of a batch part is {url.Length} characters long; Dataverse takes at most {MaxUrlLength} inside $batch.");
        var question = url.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? url : url[..question];
        var query = question < 0 ? string.Empty : url[(question + 1)..];
        path = RecordUrls.Relative(Uri.UnescapeDataString(path));
        var contentId = part.Headers.TryGetValue("Content-ID", out var id) ? id : headers.TryGetValue("Content-ID", out var innerId) ? innerId : null;
        foreach (var inherited in new[] { "Authorization" })
        {
            if (!headers.ContainsKey(inherited) && batch.Header(inherited) is { } value)
                headers[inherited] = value;
        }
        return new InnerRequest(new ApiRequest
        {
            Method = pieces[0],
            Path = path,
            RawQuery = query,
            Headers = headers,
            Body = Encoding.UTF8.GetBytes(body),
            UserId = batch.UserId,
            ServiceRoot = batch.ServiceRoot,
        }, contentId);
    }
}
