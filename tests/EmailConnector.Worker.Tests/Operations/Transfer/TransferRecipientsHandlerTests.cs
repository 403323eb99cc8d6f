using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Schema;
using EmailConnector.Testing;
using EmailConnector.Testing.Platforms;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using SyncRequest = EmailConnector.Schema.SyncRequest;

namespace EmailConnector.Worker.Tests.Operations.Transfer;

public sealed class TransferRecipientsHandlerTests
{
    private const string VipQuery = "<fetch><entity name='contact'><attribute name='fullname'/><filter><condition attribute='lastname' operator='in'>"
        + "<value>Able</value><value>Hill</value><value>Ivy</value><value>Jones</value><value>Kim</value></condition></filter></entity></fetch>";

    [Fact]
    public async Task Transfer_TwoListsWithExcludedMembers_ImportsEachEligibleRecipientOnceWithThePreviewCounts()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = Scene.Build(front);
        var preview = scene.Preview();
        var recorder = scene.Recorder();
        // Pages of two members, so every list is read over several pages with paging cookies.
        var worker = WorkerFront.Processor(front.Worker("worker-a", new Dictionary<string, string?> { ["Dataverse:MaxPageSize"] = "2" }, Use(recorder)));

        scene.StartTransfer();
        await DrainAllAsync(worker);

        Assert.Equal(7, preview[CustomApiNames.PreviewTransfer.RecipientCount]);
        Assert.Equal(5, preview[CustomApiNames.PreviewTransfer.ExcludedCount]);
        Assert.Equal(scene.Eligible(), recorder.Sent.ToHashSet());
        Assert.Equal(7, recorder.Sent.Count);
        Assert.Equal(3, scene.Platform.Calls.GetValueOrDefault("ImportRecipients"));
        Assert.Equal(scene.Eligible(), scene.Subscribed().ToHashSet());

        var activity = scene.Activity();
        Assert.Equal((int)TransferState.Transferred, activity.GetAttributeValue<OptionSetValue>(CampaignActivityColumns.TransferState).Value);
        Assert.Equal(preview[CustomApiNames.PreviewTransfer.RecipientCount], activity.GetAttributeValue<int>(CampaignActivityColumns.TransferredCount));
        Assert.Equal(preview[CustomApiNames.PreviewTransfer.ExcludedCount], activity.GetAttributeValue<int>(CampaignActivityColumns.ExcludedCount));
        Assert.Equal(WorkerFront.Start.UtcDateTime, activity.GetAttributeValue<DateTime>(CampaignActivityColumns.LastTransferOn));
        var summary = activity.GetAttributeValue<string>(CampaignActivityColumns.TransferSummary);
        Assert.Contains("transferred 7", summary, StringComparison.Ordinal);
        Assert.Contains("DoNotBulkEmail 1", summary, StringComparison.Ordinal);
        Assert.Contains("DuplicateAddress 1", summary, StringComparison.Ordinal);
        Assert.Contains("NoAddress 1", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("@", summary, StringComparison.Ordinal);
        Assert.All(front.SyncRequests().Where(r => r.GetAttributeValue<OptionSetValue>(SyncRequest.Operation).Value == (int)SyncOperation.TransferRecipients),
            r => Assert.Equal((int)QueueState.Succeeded, r.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value));
    }

    [Fact]
    public async Task Transfer_RunAgain_UpdatesWithoutDuplicatesAndKeepsTheCounts()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = Scene.Build(front);
        var recorder = scene.Recorder();
        var worker = WorkerFront.Processor(front.Worker("worker-a", configure: Use(recorder)));
        scene.StartTransfer();
        await DrainAllAsync(worker);
        var first = scene.Activity();

        scene.StartTransfer();
        await DrainAllAsync(worker);

        var second = scene.Activity();
        Assert.Equal(scene.Eligible(), scene.Subscribed().ToHashSet());
        Assert.Equal(7, scene.Subscribed().Count);
        Assert.Equal(first.GetAttributeValue<int>(CampaignActivityColumns.TransferredCount), second.GetAttributeValue<int>(CampaignActivityColumns.TransferredCount));
        Assert.Equal(first.GetAttributeValue<int>(CampaignActivityColumns.ExcludedCount), second.GetAttributeValue<int>(CampaignActivityColumns.ExcludedCount));
        Assert.Equal(1, scene.Platform.Calls.GetValueOrDefault("EnsureList"));
    }

    [Fact]
    public async Task Transfer_CancelledAfterFirstChunk_ResumesAfterTheCheckpointAndEndsWithEveryMemberOnce()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = Scene.Build(front);
        var recorder = scene.Recorder();
        using var stopping = new CancellationTokenSource();
        recorder.BeforeImport = call =>
        {
            if (call == 2)
                stopping.Cancel();
        };
        var crashed = WorkerFront.Processor(front.Worker("worker-a", configure: Use(recorder)));
        var requestId = scene.StartTransfer();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DrainAllAsync(crashed, stopping.Token));

        Assert.Equal(3, recorder.Sent.Count);
        var released = front.SyncRequest(requestId);
        Assert.Equal((int)QueueState.Pending, released.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value);
        Assert.Contains("\"imported\":3", released.GetAttributeValue<string>(SyncRequest.Parameters), StringComparison.Ordinal);
        Assert.Equal((int)TransferState.Transferring, scene.Activity().GetAttributeValue<OptionSetValue>(CampaignActivityColumns.TransferState).Value);

        recorder.BeforeImport = null;
        var restarted = WorkerFront.Processor(front.Worker("worker-b", configure: Use(recorder)));
        await DrainAllAsync(restarted);

        Assert.Equal(7, recorder.Sent.Count);
        Assert.Equal(scene.Eligible(), recorder.Sent.ToHashSet());
        Assert.Equal(scene.Eligible(), scene.Subscribed().ToHashSet());
        var activity = scene.Activity();
        Assert.Equal(7, activity.GetAttributeValue<int>(CampaignActivityColumns.TransferredCount));
        Assert.Equal(5, activity.GetAttributeValue<int>(CampaignActivityColumns.ExcludedCount));
        Assert.Equal((int)QueueState.Succeeded, front.SyncRequest(requestId).GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value);
    }

    [Fact]
    public async Task Transfer_WithDataMapping_SendsTheMappedFieldsCleaned()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = Scene.Build(front);
        var account = front.Service.Retrieve("campaignactivity", scene.ActivityId, new ColumnSet(CampaignActivityColumns.PlatformAccountId))
            .GetAttributeValue<EntityReference>(CampaignActivityColumns.PlatformAccountId);
        front.Service.Create(new Entity(DataMapping.EntityName)
        {
            [DataMapping.Name] = "Surname", [DataMapping.PlatformAccountId] = account,
            [DataMapping.MemberType] = new OptionSetValue((int)MappingMemberType.Contact), [DataMapping.CrmColumn] = "lastname",
            [DataMapping.PlatformField] = "Surname", [DataMapping.Direction] = new OptionSetValue((int)Schema.MappingDirection.Push),
        });
        front.Service.Update(new Entity("contact", scene.ContactId("Gina")) { ["lastname"] = "<b>Gina</b>" });
        var worker = WorkerFront.Processor(front.Worker("worker-a", configure: Use(scene.Platform)));

        scene.StartTransfer();
        await DrainAllAsync(worker);

        var listId = scene.Activity().GetAttributeValue<string>(CampaignActivityColumns.PlatformListId);
        var gina = await scene.Platform.GetRecipientAsync(new RecordReference("contact", scene.ContactId("Gina")), listId, CancellationToken.None);
        Assert.NotNull(gina);
        Assert.Equal("Gina", gina.Fields["Surname"]);
        Assert.False(gina.Fields.ContainsKey("FirstName"));
        Assert.Equal("gina@example.com", gina.EmailAddress);
    }

    [Fact]
    public async Task Transfer_WithoutDataMapping_SendsTheDefaultFields()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = Scene.Build(front);
        var worker = WorkerFront.Processor(front.Worker("worker-a", configure: Use(scene.Platform)));

        scene.StartTransfer();
        await DrainAllAsync(worker);

        var listId = scene.Activity().GetAttributeValue<string>(CampaignActivityColumns.PlatformListId);
        var hill = await scene.Platform.GetRecipientAsync(new RecordReference("contact", scene.ContactId("Hill")), listId, CancellationToken.None);
        Assert.NotNull(hill);
        Assert.Equal("Pat", hill.Fields["FirstName"]);
        Assert.Equal("Hill", hill.Fields["LastName"]);
        Assert.Equal("hill@example.com", hill.Fields["Email"]);
    }

    [Fact]
    public async Task Transfer_UnderServiceProtectionLimits_CompletesAfterTheRetryAfterWaitsAndCountsTheThrottling()
    {
        await using var front = await WorkerFront.StartAsync(new EmailConnector.Emulator.WebApi.Hosting.ServiceProtectionOptions
        {
            Enabled = true, RequestLimit = 12, Window = TimeSpan.FromMinutes(1),
        });
        var scene = TransferScene.Build(front, members: 15);
        var platform = new InMemoryEmailPlatform(front.Clock, new InMemoryEmailPlatformOptions { MaxImportBatchSize = 4 });
        var recorder = new ImportRecorder(platform);
        // Every wait of the worker (Retry-After, its paused budget) moves the shared clock, and with it the window.
        var clock = new WorkerClock(front.Clock, stepping: true);
        var services = front.Worker("worker-a", new Dictionary<string, string?> { ["Dataverse:MaxPageSize"] = "5", ["Queue:LeaseDuration"] = "1.00:00:00" }, s =>
        {
            Use(recorder)(s);
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
        });
        var requestId = scene.StartTransfer();

        await DrainAllAsync(WorkerFront.Processor(services));

        Assert.True(services.GetRequiredService<EmailConnector.Dataverse.Resilience.DataverseMetrics>().Snapshot().Throttled > 0);
        Assert.Contains(front.Server.Requests.Entries, e => e.Status == 429);
        Assert.Equal((int)QueueState.Succeeded, front.SyncRequest(requestId).GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value);
        Assert.Equal(1, front.SyncRequest(requestId).GetAttributeValue<int>(SyncRequest.Attempts));
        Assert.Equal(scene.Members.Count, recorder.Sent.Count);
        Assert.Equal(scene.Members.ToHashSet(), platform.SubscribedMembers(scene.ListId()).ToHashSet());
        Assert.Equal(TransferState.Transferred, scene.State());
        Assert.Equal(15, scene.Activity().GetAttributeValue<int>(CampaignActivityColumns.TransferredCount));
    }

    [Fact]
    public async Task Transfer_PlatformFailingThirtyPercentOfCallsBeforeOrAfterTheirEffect_CompletesWithEveryMemberOnce()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = TransferScene.Build(front, members: 40);
        var platform = new InMemoryEmailPlatform(front.Clock, new InMemoryEmailPlatformOptions { MaxImportBatchSize = 4 });
        var flaky = new FlakyPlatform(platform, failureRate: 0.3, seed: 1);
        var worker = WorkerFront.Processor(front.Worker("worker-a", new Dictionary<string, string?>
        {
            ["Queue:MaxAttempts"] = "100", ["Queue:RetryBaseDelay"] = "00:00:01", ["Queue:RetryMaxDelay"] = "00:00:05",
        }, Use(flaky)));
        var requestId = scene.StartTransfer();

        for (var pass = 0; pass < 200 && front.SyncRequests().Any(r => r.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value != (int)QueueState.Succeeded); pass++)
        {
            await worker.DrainOnceAsync(CancellationToken.None);
            front.Clock.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.All(front.SyncRequests(), r => Assert.Equal((int)QueueState.Succeeded, r.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value));
        Assert.True(front.SyncRequest(requestId).GetAttributeValue<int>(SyncRequest.Attempts) > 1);
        Assert.True(flaky.FailuresBefore > 0, $"before {flaky.FailuresBefore}, after {flaky.FailuresAfter}, sent {flaky.Sent.Count}, attempts {front.SyncRequest(requestId).GetAttributeValue<int>(SyncRequest.Attempts)}");
        Assert.True(flaky.FailuresAfter > 0, $"before {flaky.FailuresBefore}, after {flaky.FailuresAfter}");
        Assert.Equal(scene.Members.ToHashSet(), flaky.Created.Keys.ToHashSet());
        Assert.All(flaky.Created.Values, created => Assert.Equal(1, created));
        Assert.Equal(scene.Members.ToHashSet(), platform.SubscribedMembers(scene.ListId()).ToHashSet());
        var activity = scene.Activity();
        Assert.Equal(TransferState.Transferred, scene.State());
        Assert.Equal(40, activity.GetAttributeValue<int>(CampaignActivityColumns.TransferredCount));
        Assert.Equal(0, activity.GetAttributeValue<int>(CampaignActivityColumns.ExcludedCount));
    }

    [Fact]
    public async Task Transfer_MalformedMissingOverlongAndMarkedUpMembers_ExcludesOrCleansEachAndTransfersTheRest()
    {
        await using var front = await WorkerFront.StartAsync();
        var platform = new InMemoryEmailPlatform(front.Clock, new InMemoryEmailPlatformOptions { MaxImportBatchSize = 3, MaxFieldLength = 30 });
        var activityId = front.EmailActivity(listName: "Odd data");
        var service = front.Service;
        var list = service.Create(new Entity("list") { ["listname"] = "Odd data", ["createdfromcode"] = new OptionSetValue(2), ["type"] = false });
        // Dataverse keeps first and last names to 50 characters; the platform's field limit (30) is what a long name meets.
        var longName = new string('x', 50);
        var members = new (string Key, string? First, string Last, string? Address)[]
        {
            ("good1", "Ann", "Good", "ann@example.com"),
            ("at", "Dale", "At", "dale(at)example.com"),
            ("doubleAt", "Dora", "Double", "dora@@example.com"),
            ("space", "Sam", "Space", "sam space@example.com"),
            ("noDomain", "Nina", "Nodomain", "nina@"),
            ("missing", "Max", "Missing", null),
            ("blank", "Bea", "Blank", "   "),
            ("long", longName, longName, "long@example.com"),
            ("markup", "<b>Mia</b>", "Berg&nbsp;<br/>", "mia@example.com"),
            ("lines", "Lee\r\nAnn", "Tab\tby", "lee@example.com"),
            ("good2", "Zoe", "Good", "zoe@example.com"),
        };
        var ids = new Dictionary<string, Guid>();
        foreach (var member in members)
        {
            ids[member.Key] = service.Create(new Entity("contact") { ["firstname"] = member.First, ["lastname"] = member.Last, ["emailaddress1"] = member.Address });
        }

        service.Execute(new OrganizationRequest("AddListMembersList") { ["ListId"] = list, ["MemberIds"] = ids.Values.ToArray() });
        service.Execute(new OrganizationRequest("AddItemCampaignActivity") { ["CampaignActivityId"] = activityId, ["ItemId"] = list, ["EntityName"] = "list" });
        var worker = WorkerFront.Processor(front.Worker("worker-a", configure: Use(platform)));

        var requestId = (Guid)service.Execute(new OrganizationRequest(CustomApiNames.StartTransfer.Name) { ["Target"] = new EntityReference("campaignactivity", activityId) })
            [CustomApiNames.StartTransfer.SyncRequestId];
        await DrainAllAsync(worker);

        Assert.Equal((int)QueueState.Succeeded, front.SyncRequest(requestId).GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value);
        var activity = service.Retrieve("campaignactivity", activityId, new ColumnSet(
            CampaignActivityColumns.PlatformListId, CampaignActivityColumns.TransferredCount, CampaignActivityColumns.ExcludedCount, CampaignActivityColumns.TransferSummary));
        var listId = activity.GetAttributeValue<string>(CampaignActivityColumns.PlatformListId);
        var sent = new[] { "good1", "long", "markup", "lines", "good2" }.Select(k => new RecordReference("contact", ids[k])).ToHashSet();
        Assert.Equal(sent, platform.SubscribedMembers(listId).ToHashSet());
        Assert.Equal(5, activity.GetAttributeValue<int>(CampaignActivityColumns.TransferredCount));
        Assert.Equal(6, activity.GetAttributeValue<int>(CampaignActivityColumns.ExcludedCount));
        var summary = activity.GetAttributeValue<string>(CampaignActivityColumns.TransferSummary);
        Assert.Contains("MalformedAddress 4", summary, StringComparison.Ordinal);
        Assert.Contains("NoAddress 2", summary, StringComparison.Ordinal);
        Entity Row(string key) => service.Retrieve("contact", ids[key], new ColumnSet(RecipientColumns.LastSyncError, RecipientColumns.SyncStatus));
        Assert.All(new[] { "at", "doubleAt", "space", "noDomain" }, k =>
            Assert.StartsWith("MalformedAddress:", Row(k).GetAttributeValue<string>(RecipientColumns.LastSyncError), StringComparison.Ordinal));
        Assert.All(new[] { "missing", "blank" }, k =>
            Assert.StartsWith("NoAddress:", Row(k).GetAttributeValue<string>(RecipientColumns.LastSyncError), StringComparison.Ordinal));
        Assert.All(new[] { "good1", "long", "markup", "lines", "good2" }, k =>
            Assert.Equal((int)SyncStatus.Synced, Row(k).GetAttributeValue<OptionSetValue>(RecipientColumns.SyncStatus).Value));

        async Task<IReadOnlyDictionary<string, string?>> FieldsOf(string key) =>
            (await platform.GetRecipientAsync(new RecordReference("contact", ids[key]), listId, CancellationToken.None))!.Fields;
        var cut = await FieldsOf("long");
        Assert.Equal(new string('x', 30), cut["FirstName"]);
        Assert.Equal(new string('x', 30), cut["LastName"]);
        var markup = await FieldsOf("markup");
        Assert.Equal("Mia", markup["FirstName"]);
        Assert.Equal("Berg", markup["LastName"]);
        var lines = await FieldsOf("lines");
        Assert.Equal("Lee Ann", lines["FirstName"]);
        Assert.Equal("Tab by", lines["LastName"]);
    }

    [Fact]
    public async Task Transfer_ExcludedMembers_GetTheirReasonAndTransferredOnesTheSyncStatusWrittenOnce()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = Scene.Build(front);
        var worker = WorkerFront.Processor(front.Worker("worker-a", configure: Use(scene.Platform)));
        scene.StartTransfer();
        await DrainAllAsync(worker);

        Assert.StartsWith("DoNotBulkEmail:", scene.Row("Baker").GetAttributeValue<string>(RecipientColumns.LastSyncError), StringComparison.Ordinal);
        Assert.StartsWith("InvalidAddress:", scene.Row("Carter").GetAttributeValue<string>(RecipientColumns.LastSyncError), StringComparison.Ordinal);
        Assert.StartsWith("MalformedAddress:", scene.Row("Dale").GetAttributeValue<string>(RecipientColumns.LastSyncError), StringComparison.Ordinal);
        Assert.StartsWith("NoAddress:", scene.Row("Fox").GetAttributeValue<string>(RecipientColumns.LastSyncError), StringComparison.Ordinal);
        Assert.Null(scene.Row("Baker").GetAttributeValue<OptionSetValue>(RecipientColumns.SyncStatus));
        var hill = scene.Row("Hill");
        Assert.Equal((int)SyncStatus.Synced, hill.GetAttributeValue<OptionSetValue>(RecipientColumns.SyncStatus).Value);
        Assert.Null(hill.GetAttributeValue<string>(RecipientColumns.LastSyncError));
        Assert.Equal(WorkerFront.Start.UtcDateTime, hill.GetAttributeValue<DateTime>(RecipientColumns.LastSyncedOn));

        // A re-run an hour later changes no reason and no status, so it writes none of these records again.
        var modified = new[] { "Baker", "Fox", "Hill", "Kim" }.ToDictionary(n => n, n => scene.Row(n).GetAttributeValue<DateTime>("modifiedon"));
        front.Clock.Advance(TimeSpan.FromHours(1));
        scene.StartTransfer();
        await DrainAllAsync(worker);

        Assert.All(modified, m => Assert.Equal(m.Value, scene.Row(m.Key).GetAttributeValue<DateTime>("modifiedon")));
        Assert.Equal(WorkerFront.Start.UtcDateTime, scene.Row("Hill").GetAttributeValue<DateTime>(RecipientColumns.LastSyncedOn));
    }

    [Fact]
    public async Task Transfer_ReasonGone_ClearsItOnTheNextRun()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = Scene.Build(front);
        var worker = WorkerFront.Processor(front.Worker("worker-a", configure: Use(scene.Platform)));
        scene.StartTransfer();
        await DrainAllAsync(worker);

        front.Service.Update(new Entity("contact", scene.ContactId("Fox")) { ["emailaddress1"] = "fox@example.com" });
        scene.StartTransfer();
        await DrainAllAsync(worker);

        var fox = scene.Row("Fox");
        Assert.Null(fox.GetAttributeValue<string>(RecipientColumns.LastSyncError));
        Assert.Equal((int)SyncStatus.Synced, fox.GetAttributeValue<OptionSetValue>(RecipientColumns.SyncStatus).Value);
    }

    [Fact]
    public async Task Transfer_ListOfAccountsWithExcludedMembers_WritesTheReasonOnEachExcludedAccount()
    {
        await using var front = await WorkerFront.StartAsync();
        var service = front.Service;
        var platform = new InMemoryEmailPlatform(front.Clock);
        var activityId = front.EmailActivity(listName: "Partners");
        var list = Seed.List(service, "Partners", memberType: 1);
        var accounts = new Dictionary<string, Guid>
        {
            ["Able"] = Seed.Account(service, "Able Ltd", "office@able.example"),
            ["Baker"] = Seed.Account(service, "Baker Ltd", "office@baker.example", a => a["donotbulkemail"] = true),
            ["Carter"] = Seed.Account(service, "Carter Ltd", "office@carter.example", a => a[RecipientColumns.EmailInvalid] = true),
            ["Dale"] = Seed.Account(service, "Dale Ltd", "dale(at)example.com"),
            ["Fox"] = Seed.Account(service, "Fox Ltd"),
        };
        service.Execute(new OrganizationRequest("AddListMembersList") { ["ListId"] = list, ["MemberIds"] = accounts.Values.ToArray() });
        service.Execute(new OrganizationRequest("AddItemCampaignActivity") { ["CampaignActivityId"] = activityId, ["ItemId"] = list, ["EntityName"] = "list" });
        var worker = WorkerFront.Processor(front.Worker("worker-a", configure: Use(platform)));

        service.Execute(new OrganizationRequest(CustomApiNames.StartTransfer.Name) { ["Target"] = new EntityReference("campaignactivity", activityId) });
        await DrainAllAsync(worker);

        Entity Row(string name) => service.Retrieve("account", accounts[name], new ColumnSet(RecipientColumns.LastSyncError, RecipientColumns.SyncStatus, RecipientColumns.LastSyncedOn));
        Assert.StartsWith("DoNotBulkEmail:", Row("Baker").GetAttributeValue<string>(RecipientColumns.LastSyncError), StringComparison.Ordinal);
        Assert.StartsWith("InvalidAddress:", Row("Carter").GetAttributeValue<string>(RecipientColumns.LastSyncError), StringComparison.Ordinal);
        Assert.StartsWith("MalformedAddress:", Row("Dale").GetAttributeValue<string>(RecipientColumns.LastSyncError), StringComparison.Ordinal);
        Assert.StartsWith("NoAddress:", Row("Fox").GetAttributeValue<string>(RecipientColumns.LastSyncError), StringComparison.Ordinal);
        Assert.Null(Row("Baker").GetAttributeValue<OptionSetValue>(RecipientColumns.SyncStatus));
        var able = Row("Able");
        Assert.Equal((int)SyncStatus.Synced, able.GetAttributeValue<OptionSetValue>(RecipientColumns.SyncStatus).Value);
        Assert.Null(able.GetAttributeValue<string>(RecipientColumns.LastSyncError));
        Assert.Equal(WorkerFront.Start.UtcDateTime, able.GetAttributeValue<DateTime>(RecipientColumns.LastSyncedOn));
        var platformList = service.Retrieve("campaignactivity", activityId, new ColumnSet(CampaignActivityColumns.PlatformListId)).GetAttributeValue<string>(CampaignActivityColumns.PlatformListId);
        Assert.Equal([new RecordReference("account", accounts["Able"])], platform.SubscribedMembers(platformList));
    }

    private static Action<IServiceCollection> Use(IEmailPlatform platform) => services =>
    {
        services.RemoveAll<IEmailPlatform>();
        services.AddSingleton(platform);
    };

    private static async Task DrainAllAsync(EmailConnector.Worker.Queue.QueueProcessor worker, CancellationToken cancellationToken = default)
    {
        while (await worker.DrainOnceAsync(cancellationToken) > 0)
        {
        }
    }

    /// <summary>
    /// An activity with a static list (one eligible member each of: kept, do-not-bulk-email, invalid flag, malformed,
    /// duplicate address, no address) and a dynamic list overlapping it: 7 eligible recipients, 5 excluded.
    /// </summary>
    private sealed class Scene
    {
        private readonly WorkerFront _front;
        private readonly Dictionary<string, Guid> _contacts = [];

        private Scene(WorkerFront front)
        {
            _front = front;
            Platform = new InMemoryEmailPlatform(front.Clock, new InMemoryEmailPlatformOptions { MaxImportBatchSize = 3 });
        }

        public InMemoryEmailPlatform Platform { get; }

        public Guid ActivityId { get; private set; }

        public static Scene Build(WorkerFront front)
        {
            var scene = new Scene(front);
            var service = front.Service;
            scene.ActivityId = front.EmailActivity(listName: "Spring");
            var newsletter = service.Create(new Entity("list") { ["listname"] = "A Newsletter", ["createdfromcode"] = new OptionSetValue(2), ["type"] = false });
            var vip = service.Create(new Entity("list") { ["listname"] = "B VIP", ["createdfromcode"] = new OptionSetValue(2), ["type"] = true, ["query"] = VipQuery });
            scene.Contact("Able", "able@example.com");
            scene.Contact("Baker", "baker@example.com", c => c["donotbulkemail"] = true);
            scene.Contact("Carter", "carter@example.com", c => c[RecipientColumns.EmailInvalid] = true);
            scene.Contact("Dale", "dale(at)example.com");
            scene.Contact("Evans", "ABLE@example.com");
            scene.Contact("Fox", null);
            scene.Contact("Gina", "gina@example.com");
            scene.Contact("Hank", "hank@example.com");
            scene.Contact("Hill", "hill@example.com");
            scene.Contact("Ivy", "ivy@example.com");
            scene.Contact("Jones", "jones@example.com");
            scene.Contact("Kim", "kim@example.com");
            service.Execute(new OrganizationRequest("AddListMembersList")
            {
                ["ListId"] = newsletter,
                ["MemberIds"] = new[] { "Able", "Baker", "Carter", "Dale", "Evans", "Fox", "Gina", "Hank" }.Select(n => scene._contacts[n]).ToArray(),
            });
            foreach (var list in new[] { newsletter, vip })
                service.Execute(new OrganizationRequest("AddItemCampaignActivity") { ["CampaignActivityId"] = scene.ActivityId, ["ItemId"] = list, ["EntityName"] = "list" });
            return scene;
        }

        public ImportRecorder Recorder() => new(Platform);

        public Entity Row(string lastName) => _front.Service.Retrieve("contact", _contacts[lastName], new ColumnSet(true));

        public Guid ContactId(string lastName) => _contacts[lastName];

        public OrganizationResponse Preview() =>
            _front.Service.Execute(new OrganizationRequest(CustomApiNames.PreviewTransfer.Name) { ["Target"] = new EntityReference("campaignactivity", ActivityId) });

        public Guid StartTransfer() =>
            (Guid)_front.Service.Execute(new OrganizationRequest(CustomApiNames.StartTransfer.Name) { ["Target"] = new EntityReference("campaignactivity", ActivityId) })
                [CustomApiNames.StartTransfer.SyncRequestId];

        public Entity Activity() => _front.Service.Retrieve("campaignactivity", ActivityId, new ColumnSet(
            CampaignActivityColumns.TransferState, CampaignActivityColumns.TransferredCount, CampaignActivityColumns.ExcludedCount,
            CampaignActivityColumns.LastTransferOn, CampaignActivityColumns.TransferSummary, CampaignActivityColumns.PlatformListId));

        public IReadOnlyList<RecordReference> Subscribed() => Platform.SubscribedMembers(Activity().GetAttributeValue<string>(CampaignActivityColumns.PlatformListId));

        // Able and Evans share an address: the one the member order (by id) meets first is kept, as in the preview.
        public HashSet<RecordReference> Eligible()
        {
            var kept = _contacts["Able"].CompareTo(_contacts["Evans"]) <= 0 ? "Able" : "Evans";
            return new[] { kept, "Gina", "Hank", "Hill", "Ivy", "Jones", "Kim" }.Select(n => new RecordReference("contact", _contacts[n])).ToHashSet();
        }

        private void Contact(string lastName, string? address, Action<Entity>? with = null)
        {
            var contact = new Entity("contact") { ["firstname"] = "Pat", ["lastname"] = lastName, ["emailaddress1"] = address };
            with?.Invoke(contact);
            _contacts[lastName] = _front.Service.Create(contact);
        }
    }
}
