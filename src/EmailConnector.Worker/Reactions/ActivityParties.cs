using System.Text.Json.Nodes;
using EmailConnector.Core;
using EmailConnector.Dataverse.Rows;

namespace EmailConnector.Worker.Reactions;

/// <summary>
/// Activity parties for a create through the Web API: the activity's <c>&lt;table&gt;_activity_parties</c> collection
/// inline (dataverse.md §6.8, §6.9), one object per party with its participation type.
/// </summary>
internal static class ActivityParties
{
    public const int Sender = 1;
    public const int ToRecipient = 2;
    public const int Customer = 11;

    public static DataverseRow WithParties(this DataverseRow row, string activityLogicalName, params JsonObject?[] parties)
    {
        var list = new JsonArray();
        foreach (var party in parties.OfType<JsonObject>())
            list.Add(party);
        row.Json[activityLogicalName + "_activity_parties"] = list;
        return row;
    }

    public static JsonObject Record(RecordReference record, int participationTypeMask) => new()
    {
        ["partyid_" + record.LogicalName + "@odata.bind"] = $"/{record.LogicalName}s({record.Id:D})",
        ["participationtypemask"] = participationTypeMask,
    };

    // An address without a CRM record (the mailing's sender) is an unresolved party: addressused alone.
    public static JsonObject Address(string address, int participationTypeMask) => new()
    {
        ["addressused"] = address,
        ["participationtypemask"] = participationTypeMask,
    };
}
