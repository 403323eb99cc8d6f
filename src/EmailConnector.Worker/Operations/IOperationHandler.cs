using EmailConnector.Schema;
using EmailConnector.Worker.Queue;

namespace EmailConnector.Worker.Operations;

/// <summary>
/// Does the work of one <see cref="SyncOperation"/>. A handler is called at least once per request and must be
/// idempotent: a replay after a crash, a lost lease or a retry changes nothing that the first run already did.
/// Throwing retries the request with backoff; <see cref="PermanentRequestException"/> parks it at once.
/// </summary>
public interface IOperationHandler
{
    /// <summary>The operation this handler serves; one handler per operation.</summary>
    SyncOperation Operation { get; }

    /// <summary>Processes the claimed request.</summary>
    Task HandleAsync(SyncRequestRecord request, CancellationToken cancellationToken);
}
