using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Dotdigital.Double.State;
using EmailConnector.Platforms.Dotdigital.Double;
using EmailConnector.Platforms.Dotdigital.Tests.Support;
using EmailConnector.Testing;
using Microsoft.Extensions.Time.Testing;

namespace EmailConnector.Platforms.Dotdigital.Tests.Contacts;

/// <summary>v3 bulk import: job states, per-record failures mapped to their records, limits (scenarios 8, 9, 12–14).</summary>
public sealed class ContactImporterTests : HarnessTests
{
    protected override void ConfigureDouble(DotdigitalDoubleOptions options) => options.ImportPollsBeforeFinish = 3;

    [Fact]
    public async Task Import_JobEndsFailedWithPartialFailures_MapsEachFailureToItsRecord()
    {
        var list = await Platform.EnsureListAsync(Some.ListDefinition(), None);
        var batch = Some.Recipients(4);
        await Harness.Script.PostAsync("imports/next", new ImportScript
        {
            Status = "Failed",
            Failures = new() { [batch[1].Record.ToString()] = "consentRecordsNotApplied", [batch[3].Record.ToString()] = "invalidEmail" },
        });

        var result = await Platform.ImportRecipientsAsync(list.Id, batch, None);

        Assert.Equal([RecipientOutcomeKind.Imported, RecipientOutcomeKind.Rejected, RecipientOutcomeKind.Imported, RecipientOutcomeKind.Rejected], result.Outcomes.Select(o => o.Kind));
        Assert.Equal(batch.Select(r => r.Record), result.Outcomes.Select(o => o.Record));
        Assert.Equal(RejectionReason.Other, result.Outcomes[1].Rejection!.Reason);
        Assert.Contains("consentRecordsNotApplied", result.Outcomes[1].Rejection!.Detail, StringComparison.Ordinal);
        Assert.Equal(RejectionReason.InvalidAddress, result.Outcomes[3].Rejection!.Reason);
    }

    [Fact]
    public async Task Import_JobFailsWithoutReport_ThrowsTransientSoTheBatchIsRepeated()
    {
        var list = await Platform.EnsureListAsync(Some.ListDefinition(), None);
        await Harness.Script.PostAsync("imports/next", new ImportScript { Status = "Failed", NoReport = true });

        await Assert.ThrowsAsync<PlatformTransientException>(() => Platform.ImportRecipientsAsync(list.Id, Some.Recipients(2), None));
    }

    [Theory]
    [InlineData("RejectedByWatchdog")]
    [InlineData("ExceedsAllowedContactLimit")]
    public async Task Import_JobRefusedAsAWhole_ThrowsPermanent(string status)
    {
        var list = await Platform.EnsureListAsync(Some.ListDefinition(), None);
        await Harness.Script.PostAsync("imports/next", new ImportScript { Status = status });

        var thrown = await Assert.ThrowsAsync<PlatformPermanentException>(() => Platform.ImportRecipientsAsync(list.Id, Some.Recipients(2), None));

        Assert.DoesNotContain("@", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MixedBatch_AppliesValidRowsAndNamesEachBadOne()
    {
        var list = await Platform.EnsureListAsync(Some.ListDefinition(), None);
        var address = Some.EmailAddress("case");
        var batch = new[]
        {
            Some.Recipient(),
            Some.Recipient(emailAddress: "bob@emailsim@io.com"),
            Some.Recipient(emailAddress: address.ToUpperInvariant()),
            Some.Recipient(emailAddress: address + " "),
        };

        var result = await Platform.ImportRecipientsAsync(list.Id, batch, None);

        Assert.Equal(RecipientOutcomeKind.Imported, result.Outcomes[0].Kind);
        Assert.Equal(RejectionReason.InvalidAddress, result.Outcomes[1].Rejection?.Reason);
        Assert.Equal(RecipientOutcomeKind.Imported, result.Outcomes[2].Kind);
        Assert.Equal(RejectionReason.DuplicateAddress, result.Outcomes[3].Rejection?.Reason);
        Assert.NotNull(await Platform.GetRecipientAsync(batch[0].Record, list.Id, None));
    }

    [Fact]
    public async Task Import_SuppressedContact_StaysSuppressedAfterTransfer()
    {
        var list = await Platform.EnsureListAsync(Some.ListDefinition(), None);
        var recipient = Some.Recipient();
        await Platform.ImportRecipientsAsync(list.Id, [recipient], None);
        await Platform.SuppressAsync(new SuppressionRequest(recipient.EmailAddress, SuppressionReason.Complaint), None);

        var again = await Platform.ImportRecipientsAsync(list.Id, [recipient, Some.Recipient()], None);
        var renamed = await Platform.UpdateRecipientAsync(recipient with { EmailAddress = Some.EmailAddress("moved") }, None);

        Assert.Equal(RejectionReason.Suppressed, again.Outcomes[0].Rejection?.Reason);
        Assert.Equal(RecipientOutcomeKind.Imported, again.Outcomes[1].Kind);
        Assert.Equal(RecipientOutcomeKind.Updated, renamed.Kind);
        var state = await Platform.GetRecipientAsync(recipient.Record, list.Id, None);
        Assert.True(state!.GloballyUnsubscribed);
        var suppressions = await Platform.GetSuppressionsAsync(new SuppressionQuery(), None);
        Assert.Contains(suppressions.Entries, e => e.Record == recipient.Record);
    }

    [Fact]
    public async Task Import_TooManyActiveImports_WaitsUntilOneEnds()
    {
        await using var harness = await DotdigitalHarness.StartAsync(Time, o =>
        {
            o.MaxActiveImports = 1;
            o.ImportPollsBeforeFinish = 100;
        });
        var list = await harness.Platform.EnsureListAsync(Some.ListDefinition(), None);
        using var raw = VendorClient.Create(harness.Vendor);
        var json = new System.Text.Json.Nodes.JsonObject
        {
            ["contacts"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
            {
                ["matchIdentifier"] = "email",
                ["identifiers"] = new System.Text.Json.Nodes.JsonObject { ["email"] = Some.EmailAddress() },
            }),
        };
        var body = new StringContent(json.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        (await raw.PutAsync("contacts/v3/import", body)).EnsureSuccessStatusCode();

        var result = await harness.Platform.ImportRecipientsAsync(list.Id, Some.Recipients(2), None);

        Assert.All(result.Outcomes, o => Assert.Equal(RecipientOutcomeKind.Imported, o.Kind));
        Assert.True(harness.Statistics.Throttled >= 1, "the 26th import was not refused with 429");
    }

    [Fact]
    public async Task Import_BodyAboveTheVendorLimit_IsSplitIntoSeveralJobs()
    {
        await using var harness = await DotdigitalHarness.StartAsync(Time, settings: new Dictionary<string, string?> { ["Platforms:Dotdigital:MaxImportBodyBytes"] = "2048" });
        var list = await harness.Platform.EnsureListAsync(Some.ListDefinition(), None);
        var batch = Some.Recipients(30);

        var result = await harness.Platform.ImportRecipientsAsync(list.Id, batch, None);

        Assert.All(result.Outcomes, o => Assert.Equal(RecipientOutcomeKind.Imported, o.Kind));
        Assert.Equal(batch.Select(r => r.Record), result.Outcomes.Select(o => o.Record));
        Assert.True(harness.Vendor.Statistics.RequestsByRoute["PUT /contacts/v3/import"] > 1);
    }

    [Fact]
    public async Task Import_SameRecordTwiceInABatch_SecondIsADuplicateRecord()
    {
        var list = await Platform.EnsureListAsync(Some.ListDefinition(), None);
        var recipient = Some.Recipient();

        var result = await Platform.ImportRecipientsAsync(list.Id, [recipient, recipient with { EmailAddress = Some.EmailAddress() }], None);

        Assert.Equal(RecipientOutcomeKind.Imported, result.Outcomes[0].Kind);
        Assert.Equal(RejectionReason.DuplicateRecord, result.Outcomes[1].Rejection?.Reason);
    }
}
