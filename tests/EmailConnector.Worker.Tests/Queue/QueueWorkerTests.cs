using EmailConnector.Schema;
using EmailConnector.Testing.Platforms;
using EmailConnector.Worker.Operations.Transfer;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Xrm.Sdk;
using SyncRequest = EmailConnector.Schema.SyncRequest;

namespace EmailConnector.Worker.Tests.Queue;

public sealed class QueueWorkerTests
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMinutes(7);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task HostStopped_MidTransferAfterAChunkTookEffect_NewHostFinishesWithEveryMemberSentOnce()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = TransferScene.Build(front, members: 20);
        var platform = new InMemoryEmailPlatform(front.Clock, new InMemoryEmailPlatformOptions { MaxImportBatchSize = 4 });
        var recorder = new ImportRecorder(platform);
        var secondChunkImported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        recorder.AfterImport = async (call, stopping) =>
        {
            if (call != 2)
                return;
            secondChunkImported.TrySetResult();
            // The platform has the chunk; its answer arrives only once the host is stopping, before the checkpoint.
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, stopping);
            }
            catch (OperationCanceledException)
            {
            }
        };
        var requestId = scene.StartTransfer();
        var clock = new WorkerClock(front.Clock);
        var settings = new Dictionary<string, string?> { ["Reactions:Enabled"] = "false", ["Queue:PollInterval"] = "00:07:00" };

        using (var first = WorkerHost.Build(front, "worker-a", recorder, clock, settings))
        {
            await first.StartAsync();
            await secondChunkImported.Task.WaitAsync(Patience);
            await first.StopAsync();
        }

        var released = front.SyncRequest(requestId);
        Assert.Equal((int)QueueState.Pending, released.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value);
        Assert.Null(released.GetAttributeValue<string>(SyncRequest.LeaseOwner));
        Assert.Equal(8, TransferCheckpoint.Read(released.GetAttributeValue<string>(SyncRequest.Parameters)).Imported);
        Assert.Equal(8, recorder.Sent.Count);

        recorder.AfterImport = null;
        var idleBefore = clock.TimersOf(PollInterval);
        using (var second = WorkerHost.Build(front, "worker-b", recorder, clock, settings))
        {
            await second.StartAsync();
            // The loop waits its poll interval only after a pass that found nothing: the queue is drained.
            await clock.WhenTimerAsync(PollInterval, idleBefore + 1, Patience);
            await second.StopAsync();
        }

        Assert.Equal(scene.Members.Count, recorder.Sent.Count);
        Assert.Equal(scene.Members.ToHashSet(), recorder.Sent.ToHashSet());
        Assert.Equal(scene.Members.ToHashSet(), platform.SubscribedMembers(scene.ListId()).ToHashSet());
        var activity = scene.Activity();
        Assert.Equal(TransferState.Transferred, scene.State());
        Assert.Equal(20, activity.GetAttributeValue<int>(CampaignActivityColumns.TransferredCount));
        Assert.Equal(0, activity.GetAttributeValue<int>(CampaignActivityColumns.ExcludedCount));
        var done = front.SyncRequest(requestId);
        Assert.Equal((int)QueueState.Succeeded, done.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value);
        Assert.Equal(1, done.GetAttributeValue<int>(SyncRequest.Attempts));
    }
}
