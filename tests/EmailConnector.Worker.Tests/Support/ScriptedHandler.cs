using System.Collections.Concurrent;
using EmailConnector.Schema;
using EmailConnector.Worker.Operations;
using EmailConnector.Worker.Queue;

namespace EmailConnector.Worker.Tests.Support;

/// <summary>A handler that records every request it sees and then does what the test scripted.</summary>
internal sealed class ScriptedHandler(SyncOperation operation, Func<SyncRequestRecord, CancellationToken, Task>? behaviour = null) : IOperationHandler
{
    public ConcurrentQueue<(Guid Id, string Owner)> Seen { get; } = new();

    public SyncOperation Operation => operation;

    public async Task HandleAsync(SyncRequestRecord request, CancellationToken cancellationToken)
    {
        Seen.Enqueue((request.Id, request.LeaseOwner ?? ""));
        if (behaviour is not null)
            await behaviour(request, cancellationToken);
    }
}
