using System.Globalization;
using EmailConnector.Schema;
using EmailConnector.Worker.Demo;
using EmailConnector.Worker.Local;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Worker.Tests.Demo;

public sealed class DemoRunnerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ec-demo-").FullName;

    [Fact]
    public async Task Demo_EndToEnd_PrintsFiguresThatMatchTheRowsInTheEmulator()
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        await using var worker = await LocalWorker.StartAsync(_folder,
            new Dictionary<string, string?> { ["Demo:Enabled"] = "true", ["Demo:Contacts"] = "45", ["Demo:Leads"] = "15" },
            services => services.AddSingleton(new DemoOutput(output)));

        var figures = await worker.Services.GetRequiredService<DemoRunner>().Completion.WaitAsync(TimeSpan.FromMinutes(3));

        var organization = worker.Services.GetRequiredService<LocalEmulator>().Organization;
        var activity = figures.CampaignActivityId;
        bool Of(Entity row, string column) => row.GetAttributeValue<EntityReference>(column)?.Id == activity;
        var responses = organization.Rows(CampaignResponseColumns.EntityName).Where(r => Of(r, CampaignResponseColumns.CampaignActivityId)).ToList();
        var clicks = organization.Rows(EmailClick.EntityName).Count(r => Of(r, EmailClick.CampaignActivityId));
        var listUnsubscribes = organization.Rows(ListUnsubscribe.EntityName).Count(r => Of(r, ListUnsubscribe.CampaignActivityId));
        // The data folder is this test's own: every contact and lead is the demo's.
        var demoPeople = organization.Rows("contact").Concat(organization.Rows("lead")).ToList();
        var activityRow = organization.Read(CampaignActivityColumns.EntityName, activity)!;
        var pickup = Directory.GetFiles(Path.Combine(_folder, "pickup"), "*.eml");

        // What went out: 60 members, of whom the seeded rules exclude 4 do-not-bulk-email, 2 malformed (a third also
        // declined bulk email) and 2 duplicates.
        Assert.Equal(60, figures.Members);
        Assert.Equal(52, figures.PreviewRecipients);
        Assert.Equal(8, figures.PreviewExcluded);
        Assert.Equal(figures.PreviewRecipients, figures.Transferred);
        Assert.Equal(figures.PreviewExcluded, figures.Excluded);
        Assert.Equal(figures.Transferred, activityRow.GetAttributeValue<int>(CampaignActivityColumns.TransferredCount));
        Assert.Equal(figures.Transferred, pickup.Length);
        Assert.Equal(pickup.Length, figures.MessagesInPickup);

        // What came back, against the rows.
        Assert.Equal(responses.Count, figures.CampaignResponses);
        Assert.Equal(figures.Played.HumanOpens, figures.CampaignResponses);
        Assert.Equal(responses.Sum(r => r.GetAttributeValue<int?>(CampaignResponseColumns.ClickCount) ?? 0), figures.ResponseClicks);
        Assert.Equal(figures.Played.Clicks, figures.ResponseClicks);
        Assert.Equal(clicks, figures.ClickRows);
        // The local account keeps the default click detail, Counts only: clicks are counted, not kept as rows.
        Assert.Equal(0, clicks);
        Assert.Equal(demoPeople.Count(p => p.GetAttributeValue<bool?>(RecipientColumns.EmailInvalid) == true), figures.MarkedInvalid);
        Assert.Equal(figures.Played.HardBounces, figures.MarkedInvalid);
        Assert.Equal(demoPeople.Count(p => p.GetAttributeValue<OptionSetValue>(RecipientColumns.BounceCategory)?.Value == (int)BounceCategory.Soft), figures.SoftBounceCategory);
        Assert.Equal(figures.Played.SoftBounces, figures.SoftBounceCategory);
        Assert.Equal(demoPeople.Count(p => p.GetAttributeValue<bool?>("donotbulkemail") == true), figures.DoNotBulkEmailAfter);
        Assert.Equal(figures.DoNotBulkEmailBefore + figures.Played.GlobalUnsubscribes, figures.DoNotBulkEmailAfter);
        Assert.Equal(listUnsubscribes, figures.ListUnsubscribeRows);
        Assert.Equal(figures.Played.ListUnsubscribes, listUnsubscribes);
        Assert.Equal(figures.Played.GlobalUnsubscribes, figures.Suppressions);
        Assert.Equal(organization.Rows("email").Count(e => Of(e, "regardingobjectid")), figures.EmailActivities);
        Assert.Equal(figures.Transferred, figures.EmailActivities);
        // Complete mode over the SMTP platform's mailing archive: every email carries the impersonal copy.
        var addresses = demoPeople.Select(p => p.GetAttributeValue<string>("emailaddress1")).Where(a => !string.IsNullOrEmpty(a)).ToList();
        Assert.All(organization.Rows("email").Where(e => Of(e, "regardingobjectid")), e =>
        {
            var body = e.GetAttributeValue<string>("description");
            Assert.False(string.IsNullOrWhiteSpace(body), "An email activity has no impersonal body.");
            Assert.Contains("Hello there,", body, StringComparison.Ordinal);
            Assert.Contains("href=\"https://shop.example.com/spring\"", body, StringComparison.Ordinal);
            Assert.DoesNotContain("/t/", body, StringComparison.Ordinal);
            Assert.DoesNotContain(addresses, a => body.Contains(a!, StringComparison.OrdinalIgnoreCase));
        });
        Assert.Equal(figures.Transferred, activityRow.GetAttributeValue<int>(CampaignActivityColumns.SentCount));
        Assert.Equal(figures.Played.HardBounces, activityRow.GetAttributeValue<int>(CampaignActivityColumns.HardBounces));

        // The printed lines carry the same figures.
        var printed = output.ToString();
        Assert.Contains(Line("campaign responses", figures.CampaignResponses), printed, StringComparison.Ordinal);
        Assert.Contains(Line("email click rows (ec_emailclick)", clicks), printed, StringComparison.Ordinal);
        Assert.Contains(Line("addresses marked invalid (hard bounce)", figures.MarkedInvalid), printed, StringComparison.Ordinal);
        Assert.Contains(Line("list unsubscribes (ec_listunsubscribe)", listUnsubscribes), printed, StringComparison.Ordinal);
        Assert.Contains(Line("key figure ec_sentcount", figures.Transferred), printed, StringComparison.Ordinal);
        Assert.Contains(Line("messages in the pickup folder", pickup.Length), printed, StringComparison.Ordinal);
        Assert.Contains(Line("email activities", figures.EmailActivities), printed, StringComparison.Ordinal);
        var pdf = Assert.IsType<string>(figures.ReportPdf);
        Assert.StartsWith(_folder, pdf, StringComparison.Ordinal);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(pdf), 0, 5), StringComparison.Ordinal);
        Assert.Contains(Line("report PDF", pdf), printed, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Line(string label, object value) => string.Format(CultureInfo.InvariantCulture, "  {0,-44} {1}", label, value) + Environment.NewLine;
}
