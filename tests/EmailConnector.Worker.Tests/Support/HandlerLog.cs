using System.Collections.Concurrent;
using EmailConnector.Schema;
using EmailConnector.Worker.Operations;
using EmailConnector.Worker.Queue;
using Microsoft.Extensions.DependencyInjection;

namespace EmailConnector.Worker.Tests.Support;

/// <summary>
/// Every invocation of a worker's real operation handlers, across worker instances: which request, which operation,
/// which lease owner, and whether another invocation of the same request was running at the time.
/// </summary>
internal sealed class HandlerLog
{
    private readonly ConcurrentDictionary<Guid, int> _running = new();
    private readonly ConcurrentDictionary<string, bool> _owners = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _allOwners = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// When set, no handler proceeds until this many workers have each begun a request, so a race between workers
    /// really happens instead of one worker draining everything before the other's first pass.
    /// </summary>
    public int Rendezvous { get; init; }

    public ConcurrentQueue<(Guid RequestId, SyncOperation Operation, string Owner)> Invocations { get; } = new();

    /// <summary>Invocations that started while the same request was already being handled elsewhere.</summary>
    public int Overlaps { get; private set; }

    /// <summary>Wraps every <see cref="IOperationHandler"/> the container registers so its invocations land here.</summary>
    public Action<IServiceCollection> Recording() => services =>
    {
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(IOperationHandler)).ToList())
        {
            services.Remove(descriptor);
            services.AddSingleton<IOperationHandler>(sp => new Recorded(Resolve(descriptor, sp), this));
        }
    };

    private static IOperationHandler Resolve(ServiceDescriptor descriptor, IServiceProvider services) =>
        (IOperationHandler)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));

    private sealed class Recorded(IOperationHandler inner, HandlerLog log) : IOperationHandler
    {
        public SyncOperation Operation => inner.Operation;

        public async Task HandleAsync(SyncRequestRecord request, CancellationToken cancellationToken)
        {
            log.Invocations.Enqueue((request.Id, request.Operation, request.LeaseOwner ?? ""));
            if (log._running.AddOrUpdate(request.Id, 1, (_, n) => n + 1) > 1)
                log.Overlaps++;
            try
            {
                if (log.Rendezvous > 0)
                {
                    log._owners.TryAdd(request.LeaseOwner ?? "", true);
                    if (log._owners.Count >= log.Rendezvous)
                        log._allOwners.TrySetResult();
                    await log._allOwners.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
                }

                await inner.HandleAsync(request, cancellationToken);
            }
            finally
            {
                log._running.AddOrUpdate(request.Id, 0, (_, n) => n - 1);
            }
        }
    }
}
