using System.Text.Json.Nodes;

namespace EmailConnector.Worker.Operations.Transfer;

/// <summary>
/// Where a TransferRecipients request stands, kept in the request's <c>ec_parameters</c> under <c>transfer</c>: how many
/// eligible recipients (in screening order) were imported and how many of them the platform rejected, and the list index and member id of the last one. The
/// screen is rebuilt from the start on a resume (duplicates need every earlier address), but only recipients after
/// <see cref="Imported"/> go to the platform again. Ids and counts only: no personal data.
/// </summary>
internal sealed record TransferCheckpoint(int Imported, int ListIndex, Guid? LastMemberId, int Rejected = 0)
{
    private const string Property = "transfer";

    public static readonly TransferCheckpoint Start = new(0, 0, null);

    public static TransferCheckpoint Read(string? parameters)
    {
        if (string.IsNullOrWhiteSpace(parameters) || JsonNode.Parse(parameters) is not JsonObject root || root[Property] is not JsonObject transfer)
            return Start;
        return new TransferCheckpoint(
            transfer["imported"]?.GetValue<int>() ?? 0,
            transfer["listIndex"]?.GetValue<int>() ?? 0,
            transfer["lastMemberId"]?.GetValue<string>() is { } id ? Guid.Parse(id) : null,
            transfer["rejected"]?.GetValue<int>() ?? 0);
    }

    /// <summary>The parameters with this checkpoint, keeping whatever else they hold (e.g. expectedRecipientCount).</summary>
    public string WriteInto(string? parameters)
    {
        var root = string.IsNullOrWhiteSpace(parameters) ? new JsonObject() : JsonNode.Parse(parameters) as JsonObject ?? new JsonObject();
        root[Property] = new JsonObject
        {
            ["imported"] = Imported,
            ["listIndex"] = ListIndex,
            ["lastMemberId"] = LastMemberId?.ToString("D"),
            ["rejected"] = Rejected,
        };
        return root.ToJsonString();
    }
}
