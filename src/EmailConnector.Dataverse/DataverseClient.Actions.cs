using System.Text.Json.Nodes;
using EmailConnector.Dataverse.Http;
using EmailConnector.Dataverse.Rows;

namespace EmailConnector.Dataverse;

public sealed partial class DataverseClient
{
    /// <summary>
    /// <c>WhoAmI</c>: the calling (application) user, its business unit and organization. The answer's
    /// <c>x-ms-dop-hint</c> header is Dataverse's recommended degree of parallelism.
    /// </summary>
    public async Task<WhoAmIResult> WhoAmIAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(DataverseRequest.Get("WhoAmI", "Function WhoAmI"), cancellationToken).ConfigureAwait(false);
        var row = await ReadRowAsync(response, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException("WhoAmI answered without a body.");
        int? dop = response.Headers.TryGetValues("x-ms-dop-hint", out var values) && int.TryParse(values.FirstOrDefault(), out var hint) ? hint : null;
        return new WhoAmIResult(Required(row, "UserId"), Required(row, "BusinessUnitId"), Required(row, "OrganizationId"), dop);
    }

    /// <summary><c>AddMemberList</c>: adds a contact, lead or account to a static list; returns the listmember id.</summary>
    public async Task<Guid> AddMemberListAsync(Guid listId, Guid entityId, CancellationToken cancellationToken = default)
    {
        // Adding an existing member is a no-op, so the call may be repeated.
        var request = DataverseRequest.Action("AddMemberList", new JsonObject { ["EntityId"] = entityId.ToString("D") }, isIdempotent: true, "lists", listId);
        var result = await ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
        return result?.GetGuid("Id") ?? throw new InvalidDataException("AddMemberList answered without an Id.");
    }

    /// <summary>
    /// <c>AddListMembersList</c>: adds members of one table (<c>contact</c>, <c>lead</c> or <c>account</c>) to a
    /// static list, in chunks of <see cref="DataverseOptions.BatchSize"/>.
    /// </summary>
    public async Task AddListMembersListAsync(Guid listId, string memberLogicalName, IEnumerable<Guid> memberIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memberIds);
        var primaryKey = MemberPrimaryKey(memberLogicalName);
        foreach (var chunk in memberIds.Chunk(_options.BatchSize))
        {
            var parameters = new JsonObject
            {
                ["List"] = EntityReference("list", "listid", listId),
                ["Members"] = new JsonArray([.. chunk.Select(id => (JsonNode)EntityReference(memberLogicalName, primaryKey, id))]),
            };
            await ExecuteAsync(DataverseRequest.Action("AddListMembersList", parameters, isIdempotent: true), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary><c>RemoveMemberList</c>: removes a member from a static list.</summary>
    public async Task RemoveMemberListAsync(Guid listId, Guid entityId, CancellationToken cancellationToken = default)
    {
        var request = DataverseRequest.Action("RemoveMemberList", new JsonObject { ["EntityId"] = entityId.ToString("D") }, isIdempotent: true, "lists", listId);
        await ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>AddItemCampaignActivity</c>: distributes a list (or another item) to a campaign activity; returns the
    /// campaignactivityitem id. Not repeated after a transient failure, since it creates a row.
    /// </summary>
    public async Task<Guid> AddItemCampaignActivityAsync(Guid campaignActivityId, Guid itemId, string itemLogicalName = "list", CancellationToken cancellationToken = default)
    {
        var parameters = new JsonObject
        {
            ["CampaignActivity"] = EntityReference("campaignactivity", "activityid", campaignActivityId),
            ["Item"] = EntityReference(itemLogicalName, itemLogicalName + "id", itemId),
        };
        var result = await ExecuteAsync(DataverseRequest.Action("AddItemCampaignActivity", parameters, isIdempotent: false), cancellationToken).ConfigureAwait(false);
        return result?.GetGuid("CampaignActivityItemId") ?? throw new InvalidDataException("AddItemCampaignActivity answered without CampaignActivityItemId.");
    }

    /// <summary>
    /// Invokes an action or custom API: unbound, bound to a row (<paramref name="entitySet"/> and
    /// <paramref name="key"/>) or to an entity set. Returns the response properties, or null for 204. Flag
    /// <paramref name="isIdempotent"/> only for actions that can safely run twice.
    /// </summary>
    public Task<DataverseRow?> InvokeActionAsync(
        string name, JsonObject? parameters = null, bool isIdempotent = false, string? entitySet = null, RecordKey? key = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(DataverseRequest.Action(name, parameters, isIdempotent, entitySet, key), cancellationToken);

    /// <summary>Invokes a function or function custom API (GET); returns its response properties.</summary>
    public async Task<DataverseRow> InvokeFunctionAsync(
        string name, IReadOnlyDictionary<string, object?>? parameters = null, string? entitySet = null, RecordKey? key = null, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(DataverseRequest.Function(name, parameters, entitySet, key), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"Function {name} answered without a body.");

    private static string MemberPrimaryKey(string memberLogicalName) => memberLogicalName switch
    {
        "contact" or "lead" or "account" => memberLogicalName + "id",
        _ => throw new NotSupportedException($"Marketing lists hold contacts, leads or accounts, not '{memberLogicalName}'."),
    };

    private static Guid Required(DataverseRow row, string name) =>
        row.GetGuid(name) ?? throw new InvalidDataException($"The response has no {name}.");
}

/// <summary>The answer of <c>WhoAmI</c>.</summary>
/// <param name="UserId">The calling user (for an application user, its systemuser id).</param>
/// <param name="BusinessUnitId">The user's business unit.</param>
/// <param name="OrganizationId">The organization.</param>
/// <param name="DegreeOfParallelismHint">The <c>x-ms-dop-hint</c> header, when sent.</param>
public sealed record WhoAmIResult(Guid UserId, Guid BusinessUnitId, Guid OrganizationId, int? DegreeOfParallelismHint);
