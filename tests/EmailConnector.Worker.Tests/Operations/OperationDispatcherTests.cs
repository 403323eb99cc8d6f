using EmailConnector.Schema;
using EmailConnector.Worker.Operations;
using EmailConnector.Worker.Queue;
using EmailConnector.Worker.Tests.Support;

namespace EmailConnector.Worker.Tests.Operations;

public sealed class OperationDispatcherTests
{
    private static SyncRequestRecord Request(SyncOperation operation) => new()
    {
        Id = Guid.NewGuid(), Operation = operation, State = QueueState.InProgress, ETag = "W/\"1\"",
    };

    [Fact]
    public async Task Dispatch_KnownOperation_RunsItsHandler()
    {
        var handler = new ScriptedHandler(SyncOperation.EnsureList, (_, _) => Task.CompletedTask);
        var dispatcher = new OperationDispatcher([handler]);
        var request = Request(SyncOperation.EnsureList);

        await dispatcher.DispatchAsync(request, CancellationToken.None);

        Assert.Equal(request.Id, Assert.Single(handler.Seen).Id);
    }

    [Fact]
    public async Task Dispatch_UnknownOperation_ThrowsPermanentWithReadableReason()
    {
        var dispatcher = new OperationDispatcher([new ScriptedHandler(SyncOperation.EnsureList, (_, _) => Task.CompletedTask)]);

        var error = await Assert.ThrowsAsync<PermanentRequestException>(() => dispatcher.DispatchAsync(Request(SyncOperation.Erase), CancellationToken.None));

        Assert.Contains("no handler for Erase", error.Message, StringComparison.Ordinal);
        Assert.True(QueueProcessor.IsPermanent(error));
    }

    [Fact]
    public void Constructor_TwoHandlersForOneOperation_Throws()
    {
        var first = new ScriptedHandler(SyncOperation.EnsureList, (_, _) => Task.CompletedTask);
        var second = new ScriptedHandler(SyncOperation.EnsureList, (_, _) => Task.CompletedTask);

        Assert.Throws<InvalidOperationException>(() => new OperationDispatcher([first, second]));
    }
}
