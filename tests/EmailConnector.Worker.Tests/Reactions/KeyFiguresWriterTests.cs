using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Schema;
using EmailConnector.Testing.Platforms;
using EmailConnector.Worker.Reactions;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Worker.Tests.Reactions;

public sealed class KeyFiguresWriterTests
{
    [Fact]
    public async Task Update_AfterAMailing_WritesCountsAndPercentRatesOnTheActivity()
    {
        await using var front = await WorkerFront.StartAsync();
        var activity = front.EmailActivity();
        var contacts = Enumerable.Range(0, 4)
            .Select(i => new RecordReference("contact", front.Service.Create(new Entity("contact") { ["lastname"] = "P" + i, ["emailaddress1"] = $"p{i}@example.com" })))
            .ToArray();
        var list = await front.Platform.EnsureListAsync(new ListDefinition(new RecordReference("campaignactivity", activity), "Spring"), CancellationToken.None);
        await front.Platform.ImportRecipientsAsync(list.Id, contacts.Select((c, i) => new PlatformRecipient(c, $"p{i}@example.com")).ToArray(), CancellationToken.None);
        front.Service.Update(new Entity("campaignactivity", activity) { [CampaignActivityColumns.PlatformListId] = list.Id });
        IReactionScript script = front.Platform;
        var mailing = await script.SendAsync(list.Id);
        await script.OpenAsync(mailing, contacts[0]);
        await script.ClickAsync(mailing, contacts[0], "https://example.com");
        await script.BounceAsync(mailing, contacts[3], "5.1.1", "550 5.1.1 user unknown");
        var writer = front.Worker("worker-a").GetRequiredService<KeyFiguresWriter>();

        var figures = await writer.UpdateAsync(activity, CancellationToken.None);
        await writer.UpdateAsync(activity, CancellationToken.None);

        Assert.NotNull(figures);
        var row = front.Service.Retrieve("campaignactivity", activity, new ColumnSet(true));
        Assert.Equal(4, row.GetAttributeValue<int>(CampaignActivityColumns.SentCount));
        Assert.Equal(3, row.GetAttributeValue<int>(CampaignActivityColumns.DeliveredCount));
        Assert.Equal(1, row.GetAttributeValue<int>(CampaignActivityColumns.HardBounces));
        Assert.Equal(1, row.GetAttributeValue<int>(CampaignActivityColumns.ClickCount));
        Assert.Equal(75m, row.GetAttributeValue<decimal>(CampaignActivityColumns.DeliveredRate));
        Assert.Equal(33.33m, row.GetAttributeValue<decimal>(CampaignActivityColumns.UniqueOpenRate));
        Assert.Equal(WorkerFront.Start.UtcDateTime, row.GetAttributeValue<DateTime>(CampaignActivityColumns.StatisticsUpdatedOn));
    }

    [Fact]
    public async Task Update_NoPlatformList_WritesNothing()
    {
        await using var front = await WorkerFront.StartAsync();
        var activity = front.EmailActivity();
        var writer = front.Worker("worker-a").GetRequiredService<KeyFiguresWriter>();

        Assert.Null(await writer.UpdateAsync(activity, CancellationToken.None));

        var row = front.Service.Retrieve("campaignactivity", activity, new ColumnSet(CampaignActivityColumns.StatisticsUpdatedOn));
        Assert.False(row.Contains(CampaignActivityColumns.StatisticsUpdatedOn));
    }
}
