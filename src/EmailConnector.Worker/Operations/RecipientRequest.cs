using EmailConnector.Core;
using EmailConnector.Worker.Queue;

namespace EmailConnector.Worker.Operations;

/// <summary>The contact or lead a recipient request (UpdateRecipient, ConsentChanged, Erase) is about.</summary>
internal static class RecipientRequest
{
    public static RecordReference RecordOf(SyncRequestRecord request)
    {
        var table = request.TargetTable?.Trim().ToLowerInvariant();
        if (table is not ("contact" or "lead"))
            throw new PermanentRequestException($"{request.Operation} request {request.Id:D} targets '{request.TargetTable}'; only contact and lead records are recipients.");
        if (!Guid.TryParse(request.TargetId, out var id) || id == Guid.Empty)
            throw new PermanentRequestException($"{request.Operation} request {request.Id:D} has no valid target id.");
        return new RecordReference(table, id);
    }

    public static string EntitySetOf(RecordReference record) => record.LogicalName + "s";
}
