using EmailConnector.Core.Platforms;
using EmailConnector.Testing;
using EmailConnector.Testing.Platforms;

namespace EmailConnector.Core.Tests.Platforms;

/// <summary>The in-memory platform passes the contract every adapter must pass, plus its own fault injection.</summary>
public sealed class InMemoryEmailPlatformContractTests : EmailPlatformContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected override Task<PlatformUnderTest> CreatePlatformAsync()
    {
        var platform = CreateSut(new InMemoryEmailPlatformOptions());
        return Task.FromResult(new PlatformUnderTest(platform, platform));
    }

    protected override Task<PlatformUnderTest?> CreatePlatformWithoutAsync(PlatformFeatures features)
    {
        var platform = CreateSut(new InMemoryEmailPlatformOptions { Features = InMemoryEmailPlatformOptions.AllFeatures & ~features });
        return Task.FromResult<PlatformUnderTest?>(new PlatformUnderTest(platform, platform));
    }

    [Fact]
    public async Task ImportRecipients_WithoutSharedAddresses_RejectsTheSecondRecordOfAnAddress()
    {
        var platform = CreateSut(new InMemoryEmailPlatformOptions { Features = InMemoryEmailPlatformOptions.AllFeatures & ~PlatformFeatures.SharedAddresses });
        var list = await platform.EnsureListAsync(Some.ListDefinition(), None);
        var address = Some.EmailAddress();

        var result = await platform.ImportRecipientsAsync(list.Id, [Some.Recipient(emailAddress: address), Some.Recipient(emailAddress: address.ToUpperInvariant())], None);

        Assert.Equal(RecipientOutcomeKind.Imported, result.Outcomes[0].Kind);
        Assert.Equal(RejectionReason.DuplicateAddress, result.Outcomes[1].Rejection?.Reason);
    }

    [Fact]
    public async Task ImportRecipients_SameRecordTwiceInABatch_RejectsTheSecond()
    {
        var platform = CreateSut(new InMemoryEmailPlatformOptions());
        var list = await platform.EnsureListAsync(Some.ListDefinition(), None);
        var recipient = Some.Recipient();

        var result = await platform.ImportRecipientsAsync(list.Id, [recipient, recipient], None);

        Assert.Equal(RejectionReason.DuplicateRecord, result.Outcomes[1].Rejection?.Reason);
        Assert.Single(platform.SubscribedMembers(list.Id));
    }

    [Fact]
    public async Task AnyCall_WhenThrottled_ThrowsWithRetryAfterAndHasNoEffect()
    {
        var platform = CreateSut(new InMemoryEmailPlatformOptions());
        platform.ThrottleNext(1, TimeSpan.FromSeconds(30));
        var definition = Some.ListDefinition();

        var thrown = await Assert.ThrowsAsync<PlatformThrottledException>(() => platform.EnsureListAsync(definition, None));
        var list = await platform.EnsureListAsync(definition, None);

        Assert.Equal(TimeSpan.FromSeconds(30), thrown.RetryAfter);
        Assert.True(thrown.IsTransient);
        Assert.True(list.Created);
    }

    [Fact]
    public async Task AnyCall_WithATransientFailureRate_FailsAboutThatShareRepeatably()
    {
        var failures = new List<int>();
        for (var run = 0; run < 2; run++)
        {
            var platform = CreateSut(new InMemoryEmailPlatformOptions { TransientFailureRate = 0.3, Seed = 42 });
            var failed = 0;
            for (var i = 0; i < 1000; i++)
            {
                try
                {
                    await platform.SuppressAsync(new SuppressionRequest(Some.EmailAddress(), SuppressionReason.Manual), None);
                }
                catch (PlatformTransientException)
                {
                    failed++;
                }
            }
            failures.Add(failed);
        }

        Assert.Equal(failures[0], failures[1]);
        Assert.InRange(failures[0], 250, 350);
    }

    [Fact]
    public async Task EnsureList_ResponseLostThenRetried_CreatesOneList()
    {
        var platform = CreateSut(new InMemoryEmailPlatformOptions { LostResponseRate = 1.0 });
        var definition = Some.ListDefinition();

        await Assert.ThrowsAsync<PlatformTransientException>(() => platform.EnsureListAsync(definition, None));
        var retried = await Assert.ThrowsAsync<PlatformTransientException>(() => platform.EnsureListAsync(definition, None));

        Assert.Contains("lost", retried.Message, StringComparison.Ordinal);
        Assert.Equal(2, platform.Calls["EnsureList"]);
    }

    [Fact]
    public async Task AnyCall_WhenCancelled_ThrowsBeforeAnyEffect()
    {
        var platform = CreateSut(new InMemoryEmailPlatformOptions());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => platform.EnsureListAsync(Some.ListDefinition(), new CancellationToken(canceled: true)));

        Assert.Equal(0, platform.CallCount);
    }

    [Fact]
    public async Task ReadReactions_ForeignCursor_ThrowsPermanent()
    {
        var platform = CreateSut(new InMemoryEmailPlatformOptions());

        await Assert.ThrowsAsync<PlatformPermanentException>(() =>
            platform.ReadReactionsAsync(new ReactionFeedRequest(Core.Reactions.ReactionFeed.Opens, "2026-03-01T00:00:00Z"), None));
    }

    [Fact]
    public async Task ImportRecipients_ConcurrentBatches_KeepOneContactPerRecord()
    {
        var platform = CreateSut(new InMemoryEmailPlatformOptions());
        var list = await platform.EnsureListAsync(Some.ListDefinition(), None);
        var recipients = Some.Recipients(200);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => platform.ImportRecipientsAsync(list.Id, recipients, None))));

        Assert.Equal(200, platform.SubscribedMembers(list.Id).Count);
        var ids = await Task.WhenAll(recipients.Select(r => platform.GetRecipientAsync(r.Record, null, None)));
        Assert.Equal(200, ids.Select(s => s!.ContactId).Distinct().Count());
    }

    private InMemoryEmailPlatform CreateSut(InMemoryEmailPlatformOptions options) => new(Time, options);
}
