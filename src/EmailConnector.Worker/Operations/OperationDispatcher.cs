using EmailConnector.Schema;
using EmailConnector.Worker.Queue;

namespace EmailConnector.Worker.Operations;

/// <summary>Maps a request's <c>ec_operation</c> to its <see cref="IOperationHandler"/>.</summary>
public sealed class OperationDispatcher
{
    private readonly Dictionary<SyncOperation, IOperationHandler> _handlers = [];

    public OperationDispatcher(IEnumerable<IOperationHandler> handlers)
    {
        foreach (var handler in handlers)
        {
            if (!_handlers.TryAdd(handler.Operation, handler))
                throw new InvalidOperationException($"Two handlers serve {handler.Operation}: {_handlers[handler.Operation].GetType().Name} and {handler.GetType().Name}.");
        }
    }

    public IReadOnlyCollection<SyncOperation> Operations => _handlers.Keys;

    public Task DispatchAsync(SyncRequestRecord request, CancellationToken cancellationToken) =>
        _handlers.TryGetValue(request.Operation, out var handler)
            ? handler.HandleAsync(request, cancellationToken)
            : throw new PermanentRequestException($"This worker has no handler for {request.Operation} requests.");
}
