using System.Globalization;
using System.Text;
using EmailConnector.Schema;
using EmailConnector.Worker.Operations;
using EmailConnector.Worker.Queue;
using EmailConnector.Worker.Reports;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;
using CoreFeed = EmailConnector.Core.Reactions.ReactionFeed;

namespace EmailConnector.Worker.Tests.Operations;

/// <summary>The "Request report" button: ec_RequestReport queues a request; the worker attaches the key-figure PDF as a note.</summary>
public sealed class RequestReportHandlerTests
{
    [Fact]
    public async Task RequestReport_AttachesAPdfOfTheKeyFiguresAsANoteOfTheActivity()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await WriteBackScene.BuildAsync(front);
        var mailing = await scene.Script.SendAsync(scene.ListId);
        await scene.Script.OpenAsync(mailing, scene.Ann);
        var worker = Worker(front);

        var request = Request(front, scene.Activity);
        await DrainAsync(worker);

        Assert.Equal((int)QueueState.Succeeded, front.SyncRequest(request).GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value);
        var note = Assert.Single(front.Organization.Rows("annotation"));
        Assert.Equal(new EntityReference("campaignactivity", scene.Activity), note.GetAttributeValue<EntityReference>("objectid"));
        Assert.Equal("application/pdf", note.GetAttributeValue<string>("mimetype"));
        Assert.Equal("key-figures-2026-03-16.pdf", note.GetAttributeValue<string>("filename"));
        var pdf = Convert.FromBase64String(note.GetAttributeValue<string>("documentbody"));
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        var text = PdfText.Read(pdf).Text;
        Assert.Contains("Spring offer", text);
        Assert.Contains("As of 16.03.2026 10:00 (Europe/Berlin)", text);
        var rows = KeyFiguresReport.Rows(new Core.Reactions.KeyFigures { Sent = 2, Delivered = 2, Opens = 1, UniqueOpens = 1 }, CultureInfo.GetCultureInfo("de-DE"));
        Assert.All(rows, r => Assert.Contains(r.Label + "\n" + r.Value + "\n", text));
        Assert.Contains("Open rate\n50,00 %\n", text);
        var activity = front.Service.Retrieve("campaignactivity", scene.Activity, new Microsoft.Xrm.Sdk.Query.ColumnSet(CampaignActivityColumns.OpenCount));
        Assert.Equal(1, activity.GetAttributeValue<int>(CampaignActivityColumns.OpenCount));
    }

    [Fact]
    public async Task RequestReport_Repeated_ReplacesTheOneReportNote()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await WriteBackScene.BuildAsync(front);
        var mailing = await scene.Script.SendAsync(scene.ListId);
        var worker = Worker(front);
        Request(front, scene.Activity);
        await DrainAsync(worker);

        await scene.Script.OpenAsync(mailing, scene.Bob);
        front.Clock.Advance(TimeSpan.FromDays(1));
        Request(front, scene.Activity);
        await DrainAsync(worker);

        var note = Assert.Single(front.Organization.Rows("annotation"));
        Assert.Equal(RequestReportHandler.ReportNoteId(scene.Activity), note.Id);
        Assert.Equal("key-figures-2026-03-17.pdf", note.GetAttributeValue<string>("filename"));
        Assert.Contains("Opens\n1\n", PdfText.Read(Convert.FromBase64String(note.GetAttributeValue<string>("documentbody"))).Text);
    }

    [Fact]
    public async Task RequestReport_WithoutAPdfSharpLicense_IsParkedWithTheReason()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await WriteBackScene.BuildAsync(front);
        var worker = front.Worker("worker-r");

        var request = Request(front, scene.Activity);
        await DrainAsync(worker);

        var row = front.SyncRequest(request);
        Assert.Equal((int)QueueState.Parked, row.GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value);
        Assert.Contains("Reports:PdfSharpLicense", row.GetAttributeValue<string>(SyncRequest.LastError));
        Assert.Empty(front.Organization.Rows("annotation"));
    }

    [Fact]
    public async Task RequestReport_BeforeTheMailing_ReportsZeros()
    {
        await using var front = await WorkerFront.StartAsync();
        var activity = front.EmailActivity();
        var worker = Worker(front);

        // The activity's EnsureList request runs first and creates the platform list; nothing was mailed to it yet.
        var request = Request(front, activity);
        await DrainAsync(worker);

        Assert.Equal((int)QueueState.Succeeded, front.SyncRequest(request).GetAttributeValue<OptionSetValue>(SyncRequest.QueueState).Value);
        var note = Assert.Single(front.Organization.Rows("annotation"));
        Assert.Contains("Sent\n0\n", PdfText.Read(Convert.FromBase64String(note.GetAttributeValue<string>("documentbody"))).Text);
    }

    private static IServiceProvider Worker(WorkerFront front) =>
        front.Worker("worker-r", new Dictionary<string, string?> { ["Reports:PdfSharpLicense"] = ReportOptions.Agpl });

    private static Guid Request(WorkerFront front, Guid activity) =>
        (Guid)front.Service.Execute(new OrganizationRequest(CustomApiNames.RequestReport.Name)
        {
            ["Target"] = new EntityReference("campaignactivity", activity),
            [CustomApiNames.RequestReport.RequestLanguage] = "de-DE",
            [CustomApiNames.RequestReport.RequestTimeZone] = "Europe/Berlin",
        })[CustomApiNames.RequestReport.SyncRequestId];

    private static async Task DrainAsync(IServiceProvider worker)
    {
        var processor = worker.GetRequiredService<QueueProcessor>();
        while (await processor.DrainOnceAsync(CancellationToken.None) > 0)
        {
        }
    }
}
