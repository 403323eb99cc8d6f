using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Schema;
using EmailConnector.Worker.Operations.Reconciliation;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;
using CoreReason = EmailConnector.Core.Platforms.SuppressionReason;

namespace EmailConnector.Worker.Tests.Operations.Reconciliation;

public sealed class SuppressionReconcilerTests
{
    [Fact]
    public async Task Reconcile_PlatformSuppressions_OptOutWinsInCrmAndCrmSuppressionsReachThePlatform()
    {
        await using var front = await WorkerFront.StartAsync();
        front.EmailActivity();
        var able = front.Service.Create(new Entity("contact")
        {
            ["lastname"] = "Able", ["emailaddress1"] = "Able@Example.com", [RecipientColumns.SyncStatus] = new OptionSetValue((int)SyncStatus.Synced),
        });
        var baker = front.Service.Create(new Entity("contact") { ["lastname"] = "Baker", ["emailaddress1"] = "baker@example.com" });
        var carter = front.Service.Create(new Entity("contact") { ["lastname"] = "Carter", ["emailaddress1"] = "carter@example.com", ["donotbulkemail"] = true });
        var lead = front.Service.Create(new Entity("lead") { ["lastname"] = "Lee", ["emailaddress1"] = "lee@example.com" });
        var company = front.Service.Create(new Entity("account") { ["name"] = "Lee Ltd", ["emailaddress1"] = "LEE@example.com" });
        var bystander = front.Service.Create(new Entity("contact") { ["lastname"] = "Dale", ["emailaddress1"] = "dale@example.com" });
        await front.Platform.SuppressAsync(new SuppressionRequest("able@example.com", CoreReason.Unsubscribed), CancellationToken.None);
        await front.Platform.SuppressAsync(new SuppressionRequest("lee@example.com", CoreReason.Complaint), CancellationToken.None);
        await front.Platform.SuppressAsync(new SuppressionRequest("baker@example.com", CoreReason.HardBounce), CancellationToken.None);
        front.Service.Create(new Entity(Suppression.EntityName)
        {
            [Suppression.EmailAddress] = "crm-only@example.com", [Suppression.Reason] = new OptionSetValue((int)Schema.SuppressionReason.Manual),
            [Suppression.Source] = new OptionSetValue((int)SuppressionSource.CrmUser),
        });
        var scheduler = front.Worker("worker-a", new Dictionary<string, string?> { ["Reconciliation:PageSize"] = "2" }).GetRequiredService<ReconciliationScheduler>();

        Assert.Equal(0, await scheduler.RunOnceAsync(CancellationToken.None));

        Assert.True(DoNotBulkEmail(front, "contact", able));
        // The platform reported the opt-out: nothing is queued back to it.
        Assert.DoesNotContain(front.SyncRequests(), r => r.GetAttributeValue<OptionSetValue>(SyncRequest.Operation).Value == (int)SyncOperation.ConsentChanged);
        Assert.True(DoNotBulkEmail(front, "lead", lead));
        Assert.True(DoNotBulkEmail(front, "account", company));
        Assert.False(DoNotBulkEmail(front, "contact", baker));
        Assert.True(DoNotBulkEmail(front, "contact", carter));
        Assert.False(DoNotBulkEmail(front, "contact", bystander));
        var rows = front.Organization.Rows(Suppression.EntityName);
        Assert.Equal(new[] { "able@example.com", "baker@example.com", "crm-only@example.com", "lee@example.com" },
            rows.Select(r => r.GetAttributeValue<string>(Suppression.EmailAddress)).Order(StringComparer.Ordinal));
        Assert.Equal((int)Schema.SuppressionReason.HardBounce,
            rows.Single(r => r.GetAttributeValue<string>(Suppression.EmailAddress) == "baker@example.com").GetAttributeValue<OptionSetValue>(Suppression.Reason).Value);
        var platform = await front.Platform.GetSuppressionsAsync(new SuppressionQuery(), CancellationToken.None);
        Assert.Contains(platform.Entries, e => e.EmailAddress == "crm-only@example.com" && e.Reason == CoreReason.Manual);
    }

    [Fact]
    public async Task Reconcile_SecondPass_ChangesNothing()
    {
        await using var front = await WorkerFront.StartAsync();
        front.EmailActivity();
        front.Service.Create(new Entity("contact") { ["lastname"] = "Able", ["emailaddress1"] = "able@example.com" });
        await front.Platform.SuppressAsync(new SuppressionRequest("able@example.com", CoreReason.Unsubscribed), CancellationToken.None);
        var worker = front.Worker("worker-a");
        var reconciler = worker.GetRequiredService<SuppressionReconciler>();
        var account = Assert.Single(front.Organization.Rows(PlatformAccount.EntityName)).Id;

        var first = await reconciler.ReconcileAsync(account, front.Platform, CancellationToken.None);
        var second = await reconciler.ReconcileAsync(account, front.Platform, CancellationToken.None);

        Assert.Equal(new ReconciliationResult(1, 1, 1, 0), first);
        Assert.Equal(new ReconciliationResult(1, 0, 0, 0), second);
    }

    [Fact]
    public async Task Reconcile_CrmOptOutWithoutPlatformSuppression_IsNeverSetBackToAllow()
    {
        await using var front = await WorkerFront.StartAsync();
        front.EmailActivity();
        var able = front.Service.Create(new Entity("contact") { ["lastname"] = "Able", ["emailaddress1"] = "able@example.com", ["donotbulkemail"] = true });
        var scheduler = front.Worker("worker-a", new Dictionary<string, string?> { ["Reconciliation:PushCrmSuppressions"] = "false" }).GetRequiredService<ReconciliationScheduler>();

        await scheduler.RunOnceAsync(CancellationToken.None);

        Assert.True(DoNotBulkEmail(front, "contact", able));
        Assert.Empty((await front.Platform.GetSuppressionsAsync(new SuppressionQuery(), CancellationToken.None)).Entries);
    }

    private static bool DoNotBulkEmail(WorkerFront front, string table, Guid id) =>
        front.Service.Retrieve(table, id, new Microsoft.Xrm.Sdk.Query.ColumnSet("donotbulkemail")).GetAttributeValue<bool>("donotbulkemail");
}
