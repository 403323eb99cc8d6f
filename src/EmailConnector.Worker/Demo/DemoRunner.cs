using System.Text.Json.Nodes;
using EmailConnector.Core.Platforms;
using EmailConnector.Dataverse;
using EmailConnector.Emulator;
using EmailConnector.Platforms.Smtp;
using EmailConnector.Schema;
using EmailConnector.Worker.Local;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Worker.Demo;

/// <summary>Where the demo prints (the console, unless a test puts a writer in the container).</summary>
public sealed record DemoOutput(TextWriter Writer);

/// <summary>
/// The first-run demo, once the worker has started in local mode: seeds CRM data (<see cref="DemoScene"/>), previews
/// and starts the transfer through the Web API as the command bar does, waits for the worker to transfer, sends the
/// mailing into the pickup folder, plays recipients against the tracking endpoints and drops DSN bounces
/// (<see cref="RecipientBehaviour"/>), pulls the reactions and the key figures, asks for the report, and prints what
/// came back into CRM (<see cref="DemoFigures"/>).
/// </summary>
public sealed class DemoRunner(IServiceProvider services, IOptions<DemoOptions> options, IHostApplicationLifetime lifetime, ILogger<DemoRunner> logger) : BackgroundService
{
    public const string Sender = "news@demo.example.com";
    public const string ReplyTo = "replies@demo.example.com";

    private readonly TaskCompletionSource<DemoFigures> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The figures once the demo has finished (faults when it failed).</summary>
    public Task<DemoFigures> Completion => _completion.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _completion.TrySetCanceled(stoppingToken);
                return;
            }
        }
        var output = services.GetService<DemoOutput>()?.Writer ?? Console.Out;
        try
        {
            var figures = await RunAsync(output, stoppingToken).ConfigureAwait(false);
            figures.Print(output);
            await output.FlushAsync(stoppingToken).ConfigureAwait(false);
            LocalLog.DemoFinished(logger, figures.CampaignActivityId);
            _completion.TrySetResult(figures);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _completion.TrySetCanceled(stoppingToken);
        }
        catch (Exception e)
        {
            LocalLog.DemoFailed(logger, e, e.GetType().Name);
            _completion.TrySetException(e);
        }
        if (options.Value.ExitWhenDone)
            lifetime.StopApplication();
    }

    private async Task<DemoFigures> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var demo = options.Value;
        var organization = services.GetRequiredService<LocalEmulator>().Organization;
        var smtp = services.GetRequiredService<IEmailPlatform>() as SmtpEmailPlatform
            ?? throw new InvalidOperationException("The demo needs the built-in platform (Worker:Platform = Smtp).");
        var platformOptions = services.GetRequiredService<IOptions<SmtpPlatformOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var client = services.GetRequiredService<DataverseClient>();
        var figures = new DemoFigures { PickupFolder = platformOptions.PickupFolderPath, BounceFolder = platformOptions.Intake.MaildirPath ?? string.Empty };

        await output.WriteLineAsync($"Demo: seeding {demo.Contacts} contacts (static list) and {demo.Leads} leads (dynamic list)…").ConfigureAwait(false);
        var scene = DemoScene.Seed(organization, demo, time.GetUtcNow());
        var activity = scene.CampaignActivityId;
        figures.CampaignActivityId = activity;
        figures.DoNotBulkEmailBefore = scene.DoNotBulkEmailSeeded;

        // As the command bar does: the preview (a bound function), then the transfer with the count the user confirmed.
        var preview = await client.InvokeFunctionAsync(CustomApiNames.PreviewTransfer.Name, entitySet: "campaignactivities", key: activity, cancellationToken: cancellationToken).ConfigureAwait(false);
        figures.Members = preview.GetInt32(CustomApiNames.PreviewTransfer.MemberCount) ?? 0;
        figures.PreviewRecipients = preview.GetInt32(CustomApiNames.PreviewTransfer.RecipientCount) ?? 0;
        figures.PreviewExcluded = preview.GetInt32(CustomApiNames.PreviewTransfer.ExcludedCount) ?? 0;
        figures.PreviewExclusions = new[]
        {
            CustomApiNames.PreviewTransfer.ExcludedDoNotBulkEmail, CustomApiNames.PreviewTransfer.ExcludedInvalidAddress, CustomApiNames.PreviewTransfer.ExcludedBounced,
            CustomApiNames.PreviewTransfer.ExcludedUnsubscribed, CustomApiNames.PreviewTransfer.ExcludedDuplicateAddress, CustomApiNames.PreviewTransfer.ExcludedNoAddress,
        }.ToDictionary(n => n, n => preview.GetInt32(n) ?? 0);
        await output.WriteLineAsync($"Demo: preview says {figures.PreviewRecipients} recipients, {figures.PreviewExcluded} excluded; starting the transfer…").ConfigureAwait(false);
        await client.InvokeActionAsync(CustomApiNames.StartTransfer.Name,
            new JsonObject { [CustomApiNames.StartTransfer.RequestExpectedRecipientCount] = figures.PreviewRecipients },
            entitySet: "campaignactivities", key: activity, cancellationToken: cancellationToken).ConfigureAwait(false);

        var transferred = await WaitAsync("the transfer", () =>
        {
            var row = organization.Read(CampaignActivityColumns.EntityName, activity)!;
            var state = row.GetAttributeValue<OptionSetValue>(CampaignActivityColumns.TransferState)?.Value;
            if (state == (int)TransferState.Failed)
                throw new InvalidOperationException("The transfer failed: " + row.GetAttributeValue<string>(CampaignActivityColumns.TransferSummary));
            return state == (int)TransferState.Transferred ? row : null;
        }, cancellationToken).ConfigureAwait(false);
        figures.Transferred = transferred.GetAttributeValue<int>(CampaignActivityColumns.TransferredCount);
        figures.Excluded = transferred.GetAttributeValue<int>(CampaignActivityColumns.ExcludedCount);
        figures.TransferSummary = transferred.GetAttributeValue<string>(CampaignActivityColumns.TransferSummary);
        var listId = transferred.GetAttributeValue<string>(CampaignActivityColumns.PlatformListId);

        await output.WriteLineAsync($"Demo: {figures.Transferred} transferred; sending the mailing into {platformOptions.PickupFolderPath}…").ConfigureAwait(false);
        var pickup = platformOptions.PickupFolderPath;
        Directory.CreateDirectory(pickup);
        var before = Directory.GetFiles(pickup, "*.eml").ToHashSet(StringComparer.Ordinal);
        await smtp.SendMailingAsync(new MailingRequest(
            "demo:" + activity.ToString("N"), listId, transferred.GetAttributeValue<string>("subject") ?? "Spring newsletter", Sender, "EmailConnector demo", ReplyTo,
            Html, Text), cancellationToken).ConfigureAwait(false);
        var files = await WaitAsync("the mailing in the pickup folder", () =>
        {
            var now = Directory.GetFiles(pickup, "*.eml").Where(f => !before.Contains(f)).Order(StringComparer.Ordinal).ToList();
            return now.Count >= figures.Transferred ? now : null;
        }, cancellationToken).ConfigureAwait(false);
        figures.MessagesInPickup = files.Count;
        var trackingBase = platformOptions.PublicBaseUrl.TrimEnd('/') + platformOptions.TrackingPath.TrimEnd('/');
        var messages = files.Select(f => PickedUpMessage.Read(f, trackingBase)).ToList();

        await output.WriteLineAsync($"Demo: {messages.Count} messages picked up; recipients open, click, unsubscribe, and some bounce…").ConfigureAwait(false);
        var bounceFolder = platformOptions.Intake.MaildirPath ?? throw new InvalidOperationException("The demo needs the Maildir bounce folder of local mode.");
        using (var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }))
            figures.Played = await new RecipientBehaviour(http, bounceFolder).PlayAsync(messages, cancellationToken).ConfigureAwait(false);
        await WaitAsync("the bounce intake", () =>
            figures.Played.BounceFiles.All(f => !File.Exists(Path.Combine(bounceFolder, "new", f))) ? figures : null, cancellationToken).ConfigureAwait(false);

        // As the command bar's "Sync now" and "Report" do: each queues a request the worker drains.
        await output.WriteLineAsync("Demo: ec_SyncNow pulls the reactions into CRM and updates the key figures…").ConfigureAwait(false);
        var synced = await InvokeAndWaitAsync(client, organization, CustomApiNames.SyncNow.Name, null, activity, cancellationToken).ConfigureAwait(false);
        if (State(synced) != QueueState.Succeeded)
            throw new InvalidOperationException($"The SyncNow request ended {State(synced)}: {synced.GetAttributeValue<string>(SyncRequest.LastError)}");
        await output.WriteLineAsync("Demo: ec_RequestReport asks for the PDF report…").ConfigureAwait(false);
        await RequestReportAsync(client, organization, figures, cancellationToken).ConfigureAwait(false);

        ReadBack(organization, scene, figures);
        return figures;
    }

    private async Task RequestReportAsync(DataverseClient client, EmulatedOrganization organization, DemoFigures figures, CancellationToken cancellationToken)
    {
        var activity = figures.CampaignActivityId;
        var done = await InvokeAndWaitAsync(client, organization, CustomApiNames.RequestReport.Name,
            new JsonObject { [CustomApiNames.RequestReport.RequestLanguage] = "en-US", [CustomApiNames.RequestReport.RequestTimeZone] = "UTC" },
            activity, cancellationToken).ConfigureAwait(false);
        if (State(done) != QueueState.Succeeded)
        {
            figures.ReportMissing = $"the report request ended {State(done)}: {done.GetAttributeValue<string>(SyncRequest.LastError)}";
            return;
        }
        var query = new QueryExpression("annotation") { ColumnSet = new ColumnSet("documentbody", "filename", "mimetype", "createdon") };
        query.Criteria.AddCondition("objectid", ConditionOperator.Equal, activity);
        query.Criteria.AddCondition("mimetype", ConditionOperator.Equal, "application/pdf");
        query.AddOrder("createdon", OrderType.Descending);
        var note = organization.CreateService().RetrieveMultiple(query).Entities.FirstOrDefault();
        if (note?.GetAttributeValue<string>("documentbody") is not { } body)
        {
            figures.ReportMissing = "the report request succeeded but no PDF note is attached to the campaign activity";
            return;
        }
        var folder = Path.Combine(services.GetRequiredService<LocalEnvironment>().Options.DataFolderPath, "reports");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"campaignactivity-{activity:N}.pdf");
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(body), cancellationToken).ConfigureAwait(false);
        figures.ReportPdf = path;
    }

    /// <summary>Calls a bound action that queues a sync request (as the command bar does) and waits until the worker has finished it.</summary>
    private async Task<Entity> InvokeAndWaitAsync(DataverseClient client, EmulatedOrganization organization, string action, JsonObject? parameters, Guid activity, CancellationToken cancellationToken)
    {
        var answer = await client.InvokeActionAsync(action, parameters ?? [], entitySet: "campaignactivities", key: activity, cancellationToken: cancellationToken).ConfigureAwait(false);
        var requestId = answer?.GetGuid(CustomApiNames.SyncNow.SyncRequestId)
            ?? throw new InvalidOperationException($"{action} answered without a SyncRequestId.");
        return await WaitAsync(action, () =>
        {
            var request = organization.Read(SyncRequest.EntityName, requestId)!;
            // A failed attempt waiting for its retry counts as an answer: the demo reports the error instead of waiting out the backoff.
            var retrying = State(request) == QueueState.Pending && request.GetAttributeValue<string>(SyncRequest.LastError) is not null;
            return retrying || State(request) is QueueState.Succeeded or QueueState.Parked or QueueState.Failed ? request : null;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static QueueState? State(Entity request) => (QueueState?)request.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState)?.Value;

    /// <summary>Reads what the worker wrote back, for the demo's records only.</summary>
    internal static void ReadBack(EmulatedOrganization organization, DemoScene scene, DemoFigures figures)
    {
        var service = organization.CreateService();
        var activity = scene.CampaignActivityId;
        var responses = All(service, CampaignResponseColumns.EntityName, CampaignResponseColumns.CampaignActivityId, activity, CampaignResponseColumns.OpenCount, CampaignResponseColumns.ClickCount);
        figures.CampaignResponses = responses.Count;
        figures.ResponseOpens = responses.Sum(r => r.GetAttributeValue<int?>(CampaignResponseColumns.OpenCount) ?? 0);
        figures.ResponseClicks = responses.Sum(r => r.GetAttributeValue<int?>(CampaignResponseColumns.ClickCount) ?? 0);
        figures.ClickRows = All(service, EmailClick.EntityName, EmailClick.CampaignActivityId, activity).Count;
        figures.EmailActivities = All(service, "email", "regardingobjectid", activity).Count;
        figures.ListUnsubscribeRows = All(service, ListUnsubscribe.EntityName, ListUnsubscribe.CampaignActivityId, activity).Count;

        var people = scene.ContactIds.Select(id => organization.Read("contact", id)!).Concat(scene.LeadIds.Select(id => organization.Read("lead", id)!)).ToList();
        figures.MarkedInvalid = people.Count(p => p.GetAttributeValue<bool?>(RecipientColumns.EmailInvalid) == true);
        figures.SoftBounceCategory = people.Count(p => p.GetAttributeValue<OptionSetValue>(RecipientColumns.BounceCategory)?.Value == (int)BounceCategory.Soft);
        figures.DoNotBulkEmailAfter = people.Count(p => p.GetAttributeValue<bool?>("donotbulkemail") == true);
        var addresses = people.Select(p => p.GetAttributeValue<string>("emailaddress1")?.Trim().ToLowerInvariant()).Where(a => a is not null).ToHashSet(StringComparer.Ordinal);
        figures.Suppressions = organization.Rows(Suppression.EntityName).Count(s => addresses.Contains(s.GetAttributeValue<string>(Suppression.EmailAddress)?.ToLowerInvariant()));

        var row = organization.Read(CampaignActivityColumns.EntityName, activity)!;
        figures.KeyFigures = new[]
        {
            CampaignActivityColumns.SentCount, CampaignActivityColumns.DeliveredCount, CampaignActivityColumns.OpenCount, CampaignActivityColumns.UniqueOpenCount,
            CampaignActivityColumns.ClickCount, CampaignActivityColumns.UniqueClickerCount, CampaignActivityColumns.HardBounces, CampaignActivityColumns.SoftBounces,
            CampaignActivityColumns.UnsubscribeCount, CampaignActivityColumns.OpenRate, CampaignActivityColumns.ClickRate,
        }.Select(c => (c, row.Attributes.TryGetValue(c, out var value) && value is not null ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)! : "—")).ToList();
    }

    private static List<Entity> All(IOrganizationService service, string table, string column, Guid value, params string[] columns)
    {
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(columns) };
        query.Criteria.AddCondition(column, ConditionOperator.Equal, value);
        return service.RetrieveMultiple(query).Entities.ToList();
    }

    private async Task<T> WaitAsync<T>(string what, Func<T?> probe, CancellationToken cancellationToken)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.StepTimeout);
        try
        {
            while (true)
            {
                if (probe() is { } found)
                    return found;
                await Task.Delay(TimeSpan.FromMilliseconds(250), timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The demo waited {options.Value.StepTimeout} for {what}; the worker's log says why it did not happen.");
        }
    }

    private const string Html =
        """
        <html><body>
        <p>Hello {{FirstName|there}},</p>
        <p>Our spring collection is here. <a href="https://shop.example.com/spring">See what is new</a>
        or <a href="https://shop.example.com/offers">browse this week's offers</a>.</p>
        <p>You get this because you are on our newsletter list. <a href="{{unsubscribe_url}}">Unsubscribe</a></p>
        </body></html>
        """;

    private const string Text =
        """
        Hello {{FirstName|there}},

        Our spring collection is here: https://shop.example.com/spring
        This week's offers: https://shop.example.com/offers

        Unsubscribe: {{unsubscribe_url}}
        """;
}
