using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmailConnector.Emulator.WebApi.Hosting;

namespace EmailConnector.Worker.Tests.Support;

/// <summary>
/// The calls the model-driven app and our ribbon script (<c>WebResources/ec_/scripts/commands.js</c>) make, sent as
/// raw Web API requests to the emulator's HTTP front: records created with <c>@odata.bind</c>, members added with
/// AddListMembersList, lists attached with AddItemCampaignActivity, and the bound custom APIs called as
/// <c>Xrm.WebApi.online.execute</c> sends them (ec_PreviewTransfer as a function, ec_StartTransfer as an action).
/// </summary>
internal sealed class AppClient : IDisposable
{
    private readonly HttpClient _http;

    public AppClient(EmulatorServer server)
    {
        _http = new HttpClient { BaseAddress = server.ServiceRoot };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.IssueToken());
        _http.DefaultRequestHeaders.Add("OData-Version", "4.0");
        _http.DefaultRequestHeaders.Add("OData-MaxVersion", "4.0");
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>POST to an entity set; the id from <c>OData-EntityId</c>.</summary>
    public async Task<Guid> CreateAsync(string entitySet, JsonObject record)
    {
        using var response = await SendAsync(HttpMethod.Post, entitySet, record);
        var entityId = response.Headers.GetValues("OData-EntityId").Single();
        var open = entityId.LastIndexOf('(');
        return Guid.Parse(entityId.AsSpan(open + 1, entityId.Length - open - 2));
    }

    public async Task AddListMembersAsync(Guid listId, string memberTable, IEnumerable<Guid> members)
    {
        var body = new JsonObject
        {
            ["List"] = Reference("list", listId),
            ["Members"] = new JsonArray(members.Select(m => (JsonNode)Reference(memberTable, m)).ToArray()),
        };
        using var response = await SendAsync(HttpMethod.Post, "AddListMembersList", body);
    }

    /// <summary>"Add marketing list" on a campaign activity: the campaignactivityitem through AddItemCampaignActivity.</summary>
    public async Task AddListToActivityAsync(Guid activityId, Guid listId)
    {
        var body = new JsonObject { ["CampaignActivity"] = Reference("campaignactivity", activityId), ["Item"] = Reference("list", listId) };
        using var response = await SendAsync(HttpMethod.Post, "AddItemCampaignActivity", body);
    }

    /// <summary>ec_PreviewTransfer, bound to the activity, operationType 1 (function): a GET.</summary>
    public async Task<JsonObject> PreviewTransferAsync(Guid activityId)
    {
        using var response = await SendAsync(HttpMethod.Get, $"campaignactivities({activityId:D})/Microsoft.Dynamics.CRM.ec_PreviewTransfer()", null);
        return await ReadAsync(response);
    }

    /// <summary>ec_StartTransfer, bound to the activity, operationType 0 (action) with the previewed count.</summary>
    public async Task<JsonObject> StartTransferAsync(Guid activityId, int expectedRecipientCount)
    {
        using var response = await SendAsync(HttpMethod.Post, $"campaignactivities({activityId:D})/Microsoft.Dynamics.CRM.ec_StartTransfer",
            new JsonObject { ["ExpectedRecipientCount"] = expectedRecipientCount });
        return await ReadAsync(response);
    }

    public void Dispose() => _http.Dispose();

    // Activity tables share the activitypointer key name.
    public static JsonObject Reference(string table, Guid id) => new()
    {
        [table is "campaignactivity" or "email" ? "activityid" : table + "id"] = id.ToString("D"),
        ["@odata.type"] = "Microsoft.Dynamics.CRM." + table,
    };

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        var response = await _http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            var error = await response.Content.ReadAsStringAsync();
            response.Dispose();
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {error}");
        }

        return response;
    }
}
