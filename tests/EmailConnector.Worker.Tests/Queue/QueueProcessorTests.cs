using EmailConnector.Schema;
using EmailConnector.Worker.Operations;
using EmailConnector.Worker.Queue;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Xrm.Sdk;
using SyncRequest = EmailConnector.Schema.SyncRequest;

namespace EmailConnector.Worker.Tests.Queue;

public sealed class QueueProcessorTests
{
    [Fact]
    public async Task DrainOnce_WhenEmailActivityCreated_EnsuresThePlatformListExactlyOnce()
    {
        await using var front = await WorkerFront.StartAsync();
        var activityId = front.EmailActivity(listName: "Spring newsletter");
        var request = Assert.Single(front.SyncRequests());
        var worker = WorkerFront.Processor(front.Worker("worker-a"));

        Assert.Equal(1, await worker.DrainOnceAsync(CancellationToken.None));
        Assert.Equal(0, await worker.DrainOnceAsync(CancellationToken.None));

        var row = front.SyncRequest(request.Id);
        Assert.Equal((int)QueueState.Succeeded, row.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value);
        Assert.Equal(1, row.GetAttributeValue<int>(SyncRequest.Attempts));
        Assert.Null(row.GetAttributeValue<string>(SyncRequest.LeaseOwner));
        Assert.Equal($"ensurelist:campaignactivity:{activityId:D}:{request.Id:D}", row.GetAttributeValue<string>(SyncRequest.DedupeKey));
        Assert.NotNull(row.GetAttributeValue<DateTime?>(SyncRequest.CompletedOn));

        var listId = front.Service.Retrieve("campaignactivity", activityId, new Microsoft.Xrm.Sdk.Query.ColumnSet(CampaignActivityColumns.PlatformListId))
            .GetAttributeValue<string>(CampaignActivityColumns.PlatformListId);
        Assert.False(string.IsNullOrEmpty(listId));
        Assert.Equal(1, front.Platform.Calls.GetValueOrDefault("EnsureList"));
    }

    [Fact]
    public async Task DrainOnce_AfterClaim_NewChangeStartsANewPendingRow()
    {
        await using var front = await WorkerFront.StartAsync();
        var activityId = front.EmailActivity();
        var worker = WorkerFront.Processor(front.Worker("worker-a"));
        await worker.DrainOnceAsync(CancellationToken.None);

        front.Service.Update(new Entity("campaignactivity", activityId) { [CampaignActivityColumns.ListName] = "Renamed" });

        var pending = Assert.Single(front.SyncRequests(), r => r.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value == (int)QueueState.Pending);
        Assert.Equal($"ensurelist:campaignactivity:{activityId:D}:pending", pending.GetAttributeValue<string>(SyncRequest.DedupeKey));
        Assert.Equal(2, front.SyncRequests().Count);
    }

    [Fact]
    public async Task DrainOnce_WhenTwoWorkersRace_HandlesEveryRequestExactlyOnce()
    {
        await using var front = await WorkerFront.StartAsync();
        for (var i = 0; i < 8; i++)
            front.EmailActivity("Activity " + i);
        var handler = new ScriptedHandler(SyncOperation.EnsureList, async (_, _) => await Task.Yield());
        var a = WorkerFront.Processor(front.Worker("worker-a", configure: WorkerFront.With(handler)));
        var b = WorkerFront.Processor(front.Worker("worker-b", configure: WorkerFront.With(handler)));

        var counts = await Task.WhenAll(
            Task.Run(() => a.DrainOnceAsync(CancellationToken.None)),
            Task.Run(() => b.DrainOnceAsync(CancellationToken.None)));

        Assert.Equal(8, counts.Sum());
        Assert.Equal(8, handler.Seen.Select(s => s.Id).Distinct().Count());
        Assert.Equal(8, handler.Seen.Count);
        Assert.All(front.SyncRequests(), r => Assert.Equal((int)QueueState.Succeeded, r.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value));
    }

    [Fact]
    public async Task Drain_TwoWorkersWithTheRealHandlersOnSeveralTransfers_HandleEveryRequestOnceAndSendEveryMemberOnce()
    {
        await using var front = await WorkerFront.StartAsync();
        var scenes = Enumerable.Range(1, 4).Select(i => TransferScene.Build(front, members: 6, name: "Campaign " + i)).ToList();
        var requests = scenes.Select(s => s.StartTransfer()).ToList();
        var platform = new EmailConnector.Testing.Platforms.InMemoryEmailPlatform(front.Clock, new() { MaxImportBatchSize = 4 });
        var recorder = new ImportRecorder(platform);
        var log = new HandlerLog { Rendezvous = 2 };
        var settings = new Dictionary<string, string?> { ["Queue:BatchSize"] = "2" };
        var workers = new[] { "worker-a", "worker-b" }.Select(owner => WorkerFront.Processor(front.Worker(owner, settings, services =>
        {
            services.RemoveAll<EmailConnector.Core.Platforms.IEmailPlatform>();
            services.AddSingleton<EmailConnector.Core.Platforms.IEmailPlatform>(recorder);
            log.Recording()(services);
        }))).ToList();

        // Each worker drains until a pass finds nothing it could claim; both passes race for the same rows throughout.
        await Task.WhenAll(workers.Select(worker => Task.Run(async () =>
        {
            while (await worker.DrainOnceAsync(CancellationToken.None) > 0)
            {
            }
        })));

        var all = front.SyncRequests();
        Assert.Equal(8, all.Count);
        Assert.All(all, r => Assert.Equal((int)QueueState.Succeeded, r.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value));
        Assert.All(all, r => Assert.Equal(1, r.GetAttributeValue<int>(SyncRequest.Attempts)));
        Assert.Equal(8, log.Invocations.Count);
        Assert.Equal(all.Select(r => r.Id).Order(), log.Invocations.Select(i => i.RequestId).Order());
        Assert.Equal(0, log.Overlaps);
        Assert.Equal(2, log.Invocations.Select(i => i.Owner).Distinct(StringComparer.Ordinal).Count());
        var members = scenes.SelectMany(s => s.Members).ToList();
        Assert.Equal(members.Count, recorder.Sent.Count);
        Assert.Equal(members.ToHashSet(), recorder.Sent.ToHashSet());
        Assert.Equal(4, scenes.Select(s => s.ListId()).Distinct(StringComparer.Ordinal).Count());
        Assert.All(scenes, s => Assert.Equal(s.Members.ToHashSet(), platform.SubscribedMembers(s.ListId()).ToHashSet()));
        Assert.All(requests, id => Assert.Contains(id, log.Invocations.Select(i => i.RequestId)));
    }

    [Fact]
    public async Task DrainOnce_WhenLeaseOfCrashedWorkerExpired_TakesTheRequestOver()
    {
        await using var front = await WorkerFront.StartAsync();
        front.EmailActivity();
        var crashed = front.Worker("worker-crashed", new Dictionary<string, string?> { ["Queue:LeaseDuration"] = "00:05:00" });
        var store = crashed.GetRequiredService<SyncRequestStore>();
        var row = Assert.Single(await store.FindClaimableAsync(front.Clock.GetUtcNow(), 10, CancellationToken.None));
        Assert.NotNull(await store.TryClaimAsync(row, "worker-crashed", front.Clock.GetUtcNow().AddMinutes(5), CancellationToken.None));
        var handler = new ScriptedHandler(SyncOperation.EnsureList);
        var survivor = WorkerFront.Processor(front.Worker("worker-b", configure: WorkerFront.With(handler)));

        Assert.Equal(0, await survivor.DrainOnceAsync(CancellationToken.None));
        front.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await survivor.DrainOnceAsync(CancellationToken.None));

        Assert.Equal(("worker-b"), Assert.Single(handler.Seen).Owner);
        var done = front.SyncRequest(row.Id);
        Assert.Equal((int)QueueState.Succeeded, done.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value);
        Assert.Equal(2, done.GetAttributeValue<int>(SyncRequest.Attempts));
    }

    [Fact]
    public async Task DrainOnce_WhenHandlerKeepsFailing_RetriesWithBackoffThenParksWithTheError()
    {
        await using var front = await WorkerFront.StartAsync();
        front.EmailActivity();
        var handler = new ScriptedHandler(SyncOperation.EnsureList, (_, _) => throw new InvalidOperationException("platform said no"));
        var worker = WorkerFront.Processor(front.Worker("worker-a",
            new Dictionary<string, string?> { ["Queue:MaxAttempts"] = "3", ["Queue:RetryBaseDelay"] = "00:00:30" },
            WorkerFront.With(handler)));
        var id = Assert.Single(front.SyncRequests()).Id;

        Assert.Equal(1, await worker.DrainOnceAsync(CancellationToken.None));
        var first = front.SyncRequest(id);
        Assert.Equal((int)QueueState.Pending, first.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value);
        Assert.Equal(1, first.GetAttributeValue<int>(SyncRequest.Attempts));
        Assert.Equal(WorkerFront.Start.AddSeconds(30).UtcDateTime, first.GetAttributeValue<DateTime>(SyncRequest.NextAttemptOn));
        Assert.Contains("platform said no", first.GetAttributeValue<string>(SyncRequest.LastError), StringComparison.Ordinal);
        Assert.EndsWith(id.ToString("D"), first.GetAttributeValue<string>(SyncRequest.DedupeKey), StringComparison.Ordinal);

        Assert.Equal(0, await worker.DrainOnceAsync(CancellationToken.None));
        front.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await worker.DrainOnceAsync(CancellationToken.None));
        Assert.Equal(WorkerFront.Start.AddSeconds(90).UtcDateTime, front.SyncRequest(id).GetAttributeValue<DateTime>(SyncRequest.NextAttemptOn));

        front.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(1, await worker.DrainOnceAsync(CancellationToken.None));
        var parked = front.SyncRequest(id);
        Assert.Equal((int)QueueState.Parked, parked.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value);
        Assert.Equal(3, parked.GetAttributeValue<int>(SyncRequest.Attempts));
        Assert.Equal("InvalidOperationException: platform said no", parked.GetAttributeValue<string>(SyncRequest.LastError));
        Assert.Equal(3, handler.Seen.Count);

        front.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await worker.DrainOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task DrainOnce_WhenFailureIsPermanent_ParksAtOnce()
    {
        await using var front = await WorkerFront.StartAsync();
        front.EmailActivity();
        var handler = new ScriptedHandler(SyncOperation.EnsureList, (_, _) => throw new PermanentRequestException("record gone"));
        var worker = WorkerFront.Processor(front.Worker("worker-a", configure: WorkerFront.With(handler)));

        await worker.DrainOnceAsync(CancellationToken.None);

        var row = Assert.Single(front.SyncRequests());
        Assert.Equal((int)QueueState.Parked, row.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value);
        Assert.Equal("PermanentRequestException: record gone", row.GetAttributeValue<string>(SyncRequest.LastError));
    }

    [Fact]
    public async Task DrainOnce_WhenOneRequestFails_StillProcessesTheOthers()
    {
        await using var front = await WorkerFront.StartAsync();
        var failing = front.EmailActivity("bad");
        front.EmailActivity("good");
        var handler = new ScriptedHandler(SyncOperation.EnsureList, (r, _) =>
            r.CampaignActivityId == failing ? throw new InvalidOperationException("boom") : Task.CompletedTask);
        var worker = WorkerFront.Processor(front.Worker("worker-a", configure: WorkerFront.With(handler)));

        Assert.Equal(2, await worker.DrainOnceAsync(CancellationToken.None));

        var states = front.SyncRequests().Select(r => (QueueState)r.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value).Order().ToList();
        Assert.Equal([QueueState.Pending, QueueState.Succeeded], states);
    }

    [Fact]
    public async Task DrainOnce_WhenCancelledMidRequest_ReleasesTheLease()
    {
        await using var front = await WorkerFront.StartAsync();
        front.EmailActivity();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new ScriptedHandler(SyncOperation.EnsureList, async (_, token) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
        });
        var worker = WorkerFront.Processor(front.Worker("worker-a", configure: WorkerFront.With(handler)));
        using var stopping = new CancellationTokenSource();

        var drain = worker.DrainOnceAsync(stopping.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("worker-a", Assert.Single(front.SyncRequests()).GetAttributeValue<string>(SyncRequest.LeaseOwner));
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => drain);

        var row = Assert.Single(front.SyncRequests());
        Assert.Equal((int)QueueState.Pending, row.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value);
        Assert.Null(row.GetAttributeValue<string>(SyncRequest.LeaseOwner));
        Assert.Null(row.GetAttributeValue<DateTime?>(SyncRequest.LeaseExpiresOn));
        Assert.Equal(0, row.GetAttributeValue<int>(SyncRequest.Attempts));
    }
}
