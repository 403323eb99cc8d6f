using System.Text.Json.Nodes;
using EmailConnector.Emulator.WebApi.Tests.Support;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.WebApi.Tests.ConsolePage;

/// <summary>
/// The console page (ConsolePage/Assets: index.html, console.js, xrm.js) in headless Chromium against a real emulator
/// with the solution's plugins: the command bar from RibbonDiff.xml, the unchanged ec_/scripts/commands.js, and the
/// local Xrm calling the Web API. Skipped when no Chromium is installed.
/// </summary>
public sealed class ConsolePageBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private const string TransferCommand = "ec.campaignactivity.TransferRecipients.Command";
    private const string ReportCommand = "ec.campaignactivity.RequestReport.Command";

    private ConsoleHost _host = null!;
    private DevToolsPage? _page;

    public async Task InitializeAsync() => _host = await ConsoleHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_page is not null)
            await _page.CloseAsync();
        await _host.DisposeAsync();
    }

    [SkippableFact]
    public async Task TransferRecipients_Confirmed_ShowsPreviewThenProgressAndResult()
    {
        var activity = _host.Activity("Spring offer");
        _host.AttachNewsletter(activity);
        var page = await OpenAsync(activity);
        await RecordProgressAsync(page);

        await page.ClickAsync(Button(TransferCommand), "Transfer recipients");

        await page.WaitForAsync("!document.getElementById('dialog').hidden", "the confirm dialog");
        Assert.Equal("Transfer recipients", await page.TextAsync("#dialog-title"));
        Assert.Equal("2 recipients", await page.TextAsync("#dialog-subtitle"));
        Assert.Equal(
            "1 marketing list with 4 members.\n2 recipients will be transferred.\n2 members are left out:\n  1 do not allow bulk email\n  1 have no email address\n\nPer list:\n  Newsletter: 4 members, 2 recipients",
            await page.TextAsync("#dialog-text"));
        Assert.Equal("Transfer", await page.TextAsync("#dialog-confirm"));
        Assert.Empty(_host.SyncRequests(SyncOperation.TransferRecipients, activity));

        await page.ClickAsync("document.getElementById('dialog-confirm')", "the Transfer button of the dialog");

        await page.WaitForAsync(Field(CampaignActivityColumns.TransferState, "Queued"), "the form to show the transfer as Queued");
        Assert.Equal("The transfer of recipients has been queued; the activity shows its progress.", await page.TextAsync("#notifications [data-id='ec_command'][data-level='INFO']"));
        Assert.Equal(["Counting the recipients…", "Starting the transfer…"], await ProgressSeenAsync(page));
        var queued = Assert.Single(_host.SyncRequests(SyncOperation.TransferRecipients, activity));
        Assert.Equal((int)QueueState.Pending, queued.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value);
        Assert.Contains("\"expectedRecipientCount\":2", queued.GetAttributeValue<string>(SyncRequest.Parameters), StringComparison.Ordinal);
        Assert.Contains("reloads every", await page.TextAsync("#watching"), StringComparison.Ordinal);

        // The worker's writes, as TransferRecipientsHandler makes them: first Transferring, then the result.
        _host.Service.Update(new Entity(CampaignActivityColumns.EntityName, activity)
        {
            [CampaignActivityColumns.TransferState] = new OptionSetValue((int)TransferState.Transferring),
        });
        await page.WaitForAsync(Field(CampaignActivityColumns.TransferState, "Transferring"), "the form to show the transfer under way");
        _host.Service.Update(new Entity(CampaignActivityColumns.EntityName, activity)
        {
            [CampaignActivityColumns.TransferState] = new OptionSetValue((int)TransferState.Transferred),
            [CampaignActivityColumns.TransferredCount] = 2,
            [CampaignActivityColumns.ExcludedCount] = 2,
            [CampaignActivityColumns.TransferSummary] = "Members 4, transferred 2, excluded 2, DoNotBulkEmail 1, NoAddress 1",
        });

        await page.WaitForAsync(Field(CampaignActivityColumns.TransferState, "Transferred"), "the form to show the transfer result");
        Assert.Equal("2", await page.TextAsync(FieldSelector(CampaignActivityColumns.TransferredCount)));
        Assert.Equal("2", await page.TextAsync(FieldSelector(CampaignActivityColumns.ExcludedCount)));
        Assert.Equal("Members 4, transferred 2, excluded 2, DoNotBulkEmail 1, NoAddress 1", await page.TextAsync(FieldSelector(CampaignActivityColumns.TransferSummary)));
        Assert.Equal(string.Empty, await page.TextAsync("#watching"));
        await AssertNoErrorsAsync(page);
    }

    [SkippableFact]
    public async Task TransferRecipients_Cancelled_QueuesNothing()
    {
        var activity = _host.Activity("Spring offer");
        _host.AttachNewsletter(activity);
        var page = await OpenAsync(activity);

        await page.ClickAsync(Button(TransferCommand), "Transfer recipients");
        await page.ClickAsync("document.getElementById('dialog-cancel')", "the Cancel button of the dialog");

        await page.WaitForAsync("document.getElementById('dialog').hidden && document.getElementById('commandbar').dataset.ready === 'true'", "the dialog to close");
        Assert.Empty(_host.SyncRequests(SyncOperation.TransferRecipients, activity));
        // Created through the service, the row has no transfer state (the choice's default is a form default only).
        Assert.Equal(string.Empty, await page.TextAsync(FieldSelector(CampaignActivityColumns.TransferState)));
        await AssertNoErrorsAsync(page);
    }

    [SkippableFact]
    public async Task TransferRecipients_PluginRefuses_ShowsItsMessageInAnAlertAndANotification()
    {
        var activity = _host.Activity("Spring offer");
        _host.AttachNewsletter(activity);
        _host.Service.Update(new Entity(CampaignActivityColumns.EntityName, activity)
        {
            [CampaignActivityColumns.TransferState] = new OptionSetValue((int)TransferState.Transferring),
        });
        var page = await OpenAsync(activity);

        await page.ClickAsync(Button(TransferCommand), "Transfer recipients");
        await page.ClickAsync("document.getElementById('dialog-confirm')", "the Transfer button of the dialog");

        var alert = await page.WaitForAsync(
            "!document.getElementById('dialog').hidden && document.getElementById('dialog-cancel').hidden && document.getElementById('dialog-text').textContent",
            "the alert with the plugin's message");
        var notification = await page.TextAsync("#notifications [data-id='ec_command'][data-level='ERROR']");
        Assert.Equal("Transfer recipients: " + alert!.GetValue<string>(), notification);
        Assert.Contains("already", alert.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_host.SyncRequests(SyncOperation.TransferRecipients, activity));
        await page.ClickAsync("document.getElementById('dialog-confirm')", "OK");
        await AssertNoErrorsAsync(page);
    }

    [SkippableFact]
    public async Task CommandBar_ActivityOnAnotherChannel_ShowsTheButtonsDisabled()
    {
        var activity = _host.Activity("Phone follow-up", channel: 1);
        var page = await OpenAsync(activity);

        var buttons = await page.EvaluateAsync(
            "[...document.querySelectorAll('#commandbar button')].map(b => ({ label: b.textContent, disabled: b.disabled, hidden: b.hidden }))");

        Assert.Equal(["Transfer recipients", "Request report", "Sync now"], buttons!.AsArray().Select(b => b!["label"]!.GetValue<string>()));
        Assert.All(buttons.AsArray(), b => Assert.True(b!["disabled"]!.GetValue<bool>()));
        Assert.All(buttons.AsArray(), b => Assert.False(b!["hidden"]!.GetValue<bool>()));
        await AssertNoErrorsAsync(page);
    }

    [SkippableFact]
    public async Task RequestReport_DialogPage_QueuesTheReportInTheChosenLanguage()
    {
        var activity = _host.Activity("Spring offer");
        var page = await OpenAsync(activity);

        await page.ClickAsync(Button(ReportCommand), "Request report");
        const string Frame = "document.getElementById('page-dialog-frame').contentDocument";
        await page.WaitForAsync($"{Frame}.getElementById('language') && {Frame}.getElementById('language').options.length > 0", "the report dialog page");
        await page.EvaluateAsync($"(() => {{ const s = {Frame}.getElementById('language'); s.value = 'de-DE'; s.dispatchEvent(new Event('change')); }})()");
        await page.ClickAsync($"{Frame}.getElementById('request')", "Request in the report dialog");

        var status = await page.WaitForAsync($"{Frame}.getElementById('status').className === 'ok' && {Frame}.getElementById('status').textContent", "the report request's answer");
        Assert.False(string.IsNullOrWhiteSpace(status!.GetValue<string>()));
        var request = Assert.Single(_host.SyncRequests(SyncOperation.RequestReport, activity));
        Assert.Contains("de-DE", request.GetAttributeValue<string>(SyncRequest.Parameters), StringComparison.Ordinal);

        await page.ClickAsync($"{Frame}.getElementById('cancel')", "Close in the report dialog");
        await page.WaitForAsync("document.getElementById('page-dialog').hidden", "the dialog page to close");
        await AssertNoErrorsAsync(page);
    }

    [SkippableFact]
    public async Task Xrm_MemberTheConsoleDoesNotImplement_ThrowsNamingIt()
    {
        var page = await OpenAsync(_host.Activity("Spring offer"));

        var message = await page.EvaluateAsync("(() => { try { Xrm.Navigation.openUrl('https://example.com'); return 'no error'; } catch (e) { return e.message; } })()");
        var formMessage = await page.EvaluateAsync("(async () => { try { await Xrm.WebApi.online.execute({ getMetadata: () => ({ operationType: 2, operationName: 'Create' }) }); return 'no error'; } catch (e) { return e.message; } })()");

        Assert.StartsWith("Xrm.Navigation.openUrl is not implemented by the emulator console", message!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("Xrm.WebApi.online.execute with operationType 2 (CRUD) is not implemented", formMessage!.GetValue<string>(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ActivityList_ShowsTheActivitiesWithTheirTransferState()
    {
        Skip.If(chromium.Browser is null, ChromiumFixture.MissingReason);
        _host.Activity("Spring offer");
        var autumn = _host.Activity("Autumn offer");
        _host.Service.Update(new Entity(CampaignActivityColumns.EntityName, autumn)
        {
            [CampaignActivityColumns.TransferState] = new OptionSetValue((int)TransferState.Transferred),
        });
        _page = await chromium.Browser!.NewPageAsync();
        await _page.NavigateAsync(_host.ConsoleUrl());

        var items = await _page.WaitForAsync(
            "document.body.dataset.started === 'true' && [...document.querySelectorAll('#activities a')].map(a => a.textContent)",
            "the activity list");

        Assert.Equal(["Autumn offer — Transferred", "Spring offer"], items!.AsArray().Select(i => i!.GetValue<string>()));
        await AssertNoErrorsAsync(_page);
    }

    private async Task<DevToolsPage> OpenAsync(Guid activity)
    {
        Skip.If(chromium.Browser is null, ChromiumFixture.MissingReason);
        _page = await chromium.Browser!.NewPageAsync();
        await _page.NavigateAsync(_host.ConsoleUrl(activity));
        await _page.WaitForAsync("document.body.dataset.started === 'true' && document.getElementById('commandbar').dataset.ready === 'true'", "the console to open the activity");
        return _page;
    }

    private static string Button(string commandId) => $"document.querySelector('#commandbar button[data-command-id=\"{commandId}\"]')";

    private static string FieldSelector(string column) => $"#fields dd[data-field='{column}']";

    private static string Field(string column, string text) =>
        $"(document.querySelector({DevToolsPage.Js(FieldSelector(column))}) || {{}}).textContent === {DevToolsPage.Js(text)}";

    // The progress indicator is up only while a call runs; an observer notes every message it shows.
    private static async Task RecordProgressAsync(DevToolsPage page) =>
        await page.EvaluateAsync("""
            (() => {
              window.progressSeen = [];
              const overlay = document.getElementById('progress');
              new MutationObserver(() => {
                const text = document.getElementById('progress-text').textContent;
                if (!overlay.hidden && window.progressSeen[window.progressSeen.length - 1] !== text) window.progressSeen.push(text);
              }).observe(overlay, { attributes: true, subtree: true, childList: true, characterData: true });
            })()
            """);

    private static async Task<string[]> ProgressSeenAsync(DevToolsPage page) =>
        [.. (await page.EvaluateAsync("window.progressSeen"))!.AsArray().Select(n => n!.GetValue<string>())];

    private static async Task AssertNoErrorsAsync(DevToolsPage page)
    {
        Assert.Equal(string.Empty, await page.TextAsync("#console-errors"));
        Assert.Empty(page.Errors);
    }
}
