using EmailConnector.Schema;
using EmailConnector.Worker.Operations;
using EmailConnector.Worker.Queue;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;
using SyncRequest = EmailConnector.Schema.SyncRequest;

namespace EmailConnector.Worker.Tests.Queue;

public sealed class LeaseRenewalTests
{
    [Fact]
    public async Task Renew_RequestLongerThanTheLease_IsNotTakenOver()
    {
        await using var front = await WorkerFront.StartAsync();
        front.EmailActivity();
        var otherSeen = new ScriptedHandler(SyncOperation.EnsureList);
        var other = WorkerFront.Processor(front.Worker("worker-b", configure: WorkerFront.With(otherSeen)));
        LeaseRenewal? renewal = null;
        var takeOvers = -1;
        var handler = new ScriptedHandler(SyncOperation.EnsureList, async (request, token) =>
        {
            // Three checkpoints six minutes apart: 18 minutes of work on a 10-minute lease.
            for (var i = 0; i < 3; i++)
            {
                front.Clock.Advance(TimeSpan.FromMinutes(6));
                await renewal!.RenewIfDueAsync(request, token);
            }

            takeOvers = await other.DrainOnceAsync(token);
        });
        var worker = front.Worker("worker-a", configure: WorkerFront.With(handler));
        renewal = worker.GetRequiredService<LeaseRenewal>();

        await WorkerFront.Processor(worker).DrainOnceAsync(CancellationToken.None);

        Assert.Equal(0, takeOvers);
        Assert.Empty(otherSeen.Seen);
        var row = Assert.Single(front.SyncRequests());
        Assert.Equal((int)QueueState.Succeeded, row.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value);
        Assert.Equal(1, row.GetAttributeValue<int>(SyncRequest.Attempts));
    }

    [Fact]
    public async Task Renew_NotYetHalfway_WritesNothing()
    {
        await using var front = await WorkerFront.StartAsync();
        front.EmailActivity();
        LeaseRenewal? renewal = null;
        string? etagBefore = null, etagAfter = null;
        var handler = new ScriptedHandler(SyncOperation.EnsureList, async (request, token) =>
        {
            etagBefore = request.ETag;
            front.Clock.Advance(TimeSpan.FromMinutes(4));
            await renewal!.RenewIfDueAsync(request, token);
            etagAfter = request.ETag;
        });
        var worker = front.Worker("worker-a", configure: WorkerFront.With(handler));
        renewal = worker.GetRequiredService<LeaseRenewal>();

        await WorkerFront.Processor(worker).DrainOnceAsync(CancellationToken.None);

        Assert.Equal(etagBefore, etagAfter);
    }

    [Fact]
    public async Task Renew_AfterTakeOver_StopsTheHandlerWithLeaseLost()
    {
        await using var front = await WorkerFront.StartAsync();
        front.EmailActivity();
        var other = WorkerFront.Processor(front.Worker("worker-b", configure: WorkerFront.With(new ScriptedHandler(SyncOperation.EnsureList))));
        LeaseRenewal? renewal = null;
        Exception? stopped = null;
        var handler = new ScriptedHandler(SyncOperation.EnsureList, async (request, token) =>
        {
            // Stalled past the lease: worker-b takes the row over and finishes it.
            front.Clock.Advance(TimeSpan.FromMinutes(11));
            await other.DrainOnceAsync(token);
            stopped = await Record.ExceptionAsync(() => renewal!.RenewIfDueAsync(request, token));
            throw stopped!;
        });
        var worker = front.Worker("worker-a", configure: WorkerFront.With(handler));
        renewal = worker.GetRequiredService<LeaseRenewal>();

        await WorkerFront.Processor(worker).DrainOnceAsync(CancellationToken.None);

        Assert.IsType<LeaseLostException>(stopped);
        var row = Assert.Single(front.SyncRequests());
        Assert.Equal((int)QueueState.Succeeded, row.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value);
        Assert.Null(row.GetAttributeValue<string>(SyncRequest.LastError));
    }
}
