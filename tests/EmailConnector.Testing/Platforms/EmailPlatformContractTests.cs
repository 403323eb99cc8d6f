using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Reactions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace EmailConnector.Testing.Platforms;

/// <summary>
/// The behaviour every <see cref="IEmailPlatform"/> adapter must have. An adapter's test project derives from this
/// class and supplies the platform (over its contract double) and a <see cref="IReactionScript"/>; xunit runs every
/// test below against it. Tests that need an optional feature skip with the reason when the adapter lacks it.
/// </summary>
public abstract class EmailPlatformContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>The clock handed to the platform; tests advance it instead of sleeping.</summary>
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Creates a fresh, empty platform on <see cref="Time"/>, with every feature the adapter has.</summary>
    protected abstract Task<PlatformUnderTest> CreatePlatformAsync();

    /// <summary>
    /// Creates a platform lacking <paramref name="features"/>, for the capability tests; null when the adapter's
    /// features are fixed (then only the features it really lacks are checked).
    /// </summary>
    protected virtual Task<PlatformUnderTest?> CreatePlatformWithoutAsync(PlatformFeatures features) =>
        Task.FromResult<PlatformUnderTest?>(null);

    /// <summary>
    /// False for platforms whose bounce feed reports only a category, never the receiving server's status (Dotdigital's
    /// activity rows carry just hardBounced/softBounced); the category is still checked.
    /// </summary>
    protected virtual bool BouncesCarryStatusCodes => true;

    /// <summary>How a mailing body asks for a recipient's field in the platform's own syntax.</summary>
    protected virtual string PersonalisationTag(string field) => "{{" + field + "}}";

    [Fact]
    public async Task EnsureList_CalledTwiceForOneActivity_ReturnsTheSameList()
    {
        var (platform, _) = await CreatePlatformAsync();
        var definition = Some.ListDefinition();

        var first = await platform.EnsureListAsync(definition, None);
        var second = await platform.EnsureListAsync(definition, None);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.Name, second.Name);
        Assert.Equal(definition.Key, second.Key);
    }

    [Fact]
    public async Task EnsureList_NameTakenByAnotherActivity_CreatesAListWithAUniqueName()
    {
        var (platform, _) = await CreatePlatformAsync();
        var name = Some.String("Autumn offer");

        var first = await platform.EnsureListAsync(Some.ListDefinition(name: name), None);
        var second = await platform.EnsureListAsync(Some.ListDefinition(name: name), None);

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(name, first.Name);
        Assert.NotEqual(first.Name, second.Name, StringComparer.OrdinalIgnoreCase);
        Assert.StartsWith(name, second.Name);
    }

    [Fact]
    public async Task ImportRecipients_SameBatchTwice_UpdatesTheSameContacts()
    {
        var (platform, _) = await CreatePlatformAsync();
        var list = await platform.EnsureListAsync(Some.ListDefinition(), None);
        var batch = Some.Recipients(3);

        var first = await platform.ImportRecipientsAsync(list.Id, batch, None);
        var second = await platform.ImportRecipientsAsync(list.Id, batch, None);

        Assert.All(first.Outcomes, o => Assert.Equal(RecipientOutcomeKind.Imported, o.Kind));
        Assert.All(second.Outcomes, o => Assert.Equal(RecipientOutcomeKind.Updated, o.Kind));
        Assert.Equal(first.Outcomes.Select(o => o.ContactId), second.Outcomes.Select(o => o.ContactId));
        Assert.Equal(3, first.Outcomes.Select(o => o.ContactId).Distinct().Count());
    }

    [Fact]
    public async Task ImportRecipients_MixedBatch_ReturnsOneOutcomePerRecipientInOrder()
    {
        var (platform, _) = await CreatePlatformAsync();
        var list = await platform.EnsureListAsync(Some.ListDefinition(), None);
        var good = Some.Recipient();
        var bad = Some.Recipient(emailAddress: "not an address");
        var alsoGood = Some.Recipient();

        var result = await platform.ImportRecipientsAsync(list.Id, [good, bad, alsoGood], None);

        Assert.Equal([good.Record, bad.Record, alsoGood.Record], result.Outcomes.Select(o => o.Record));
        Assert.Equal(RecipientOutcomeKind.Imported, result.Outcomes[0].Kind);
        Assert.Equal(RecipientOutcomeKind.Rejected, result.Outcomes[1].Kind);
        Assert.Equal(RejectionReason.InvalidAddress, result.Outcomes[1].Rejection!.Reason);
        Assert.Equal(RecipientOutcomeKind.Imported, result.Outcomes[2].Kind);
    }

    [Fact]
    public async Task ImportRecipients_TwoRecordsSharingAnAddress_AreKeyedByRecord()
    {
        var (platform, _) = await CreatePlatformAsync();
        var list = await platform.EnsureListAsync(Some.ListDefinition(), None);
        var address = Some.EmailAddress("household");
        var partner = Some.Recipient(Some.Contact(), address);
        var other = Some.Recipient(Some.Contact(), address);

        await platform.ImportRecipientsAsync(list.Id, [partner], None);
        var result = await platform.ImportRecipientsAsync(list.Id, [other], None);

        var partnerState = await platform.GetRecipientAsync(partner.Record, list.Id, None);
        Assert.NotNull(partnerState);
        if (platform.Capabilities.Supports(PlatformFeatures.SharedAddresses))
        {
            Assert.Equal(RecipientOutcomeKind.Imported, result.Outcomes[0].Kind);
            Assert.NotEqual(partnerState.ContactId, result.Outcomes[0].ContactId);
        }
        else
        {
            // A platform keyed by address must refuse the second record rather than hand it the first one's contact.
            Assert.Equal(RejectionReason.DuplicateAddress, result.Outcomes[0].Rejection?.Reason);
        }
    }

    [Fact]
    public async Task ImportRecipients_BatchAboveTheLimit_ThrowsArgumentException()
    {
        var (platform, _) = await CreatePlatformAsync();
        var list = await platform.EnsureListAsync(Some.ListDefinition(), None);
        var batch = Some.Recipients(platform.Capabilities.MaxImportBatchSize + 1);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => platform.ImportRecipientsAsync(list.Id, batch, None));
    }

    [Fact]
    public async Task UpdateRecipient_NewAddress_RenamesTheSameContact()
    {
        var (platform, _) = await CreatePlatformAsync();
        var list = await platform.EnsureListAsync(Some.ListDefinition(), None);
        var recipient = Some.Recipient();
        var imported = await platform.ImportRecipientsAsync(list.Id, [recipient], None);
        var newAddress = Some.EmailAddress("renamed");

        var outcome = await platform.UpdateRecipientAsync(recipient with { EmailAddress = newAddress }, None);

        var state = await platform.GetRecipientAsync(recipient.Record, list.Id, None);
        Assert.Equal(RecipientOutcomeKind.Updated, outcome.Kind);
        Assert.NotNull(state);
        Assert.Equal(imported.Outcomes[0].ContactId, state.ContactId);
        Assert.Equal(newAddress, state.EmailAddress);
        Assert.Equal(MembershipStatus.Subscribed, state.ListStatus);
    }

    [Fact]
    public async Task UpdateRecipient_ChangedField_IsStoredAndNullClearsIt()
    {
        var (platform, _) = await CreatePlatformAsync();
        var list = await platform.EnsureListAsync(Some.ListDefinition(), None);
        var recipient = Some.Recipient() with { Fields = new Dictionary<string, string?> { ["FIRSTNAME"] = "Anna", ["LASTNAME"] = "Berg" } };
        await platform.ImportRecipientsAsync(list.Id, [recipient], None);

        await platform.UpdateRecipientAsync(recipient with { Fields = new Dictionary<string, string?> { ["FIRSTNAME"] = "Anne", ["LASTNAME"] = null } }, None);

        var state = await platform.GetRecipientAsync(recipient.Record, null, None);
        Assert.Equal("Anne", state!.Fields["FIRSTNAME"]);
        Assert.True(!state.Fields.TryGetValue("LASTNAME", out var last) || last is null);
    }

    [Fact]
    public async Task UpdateRecipient_RecordNeverTransferred_ReturnsNotFound()
    {
        var (platform, _) = await CreatePlatformAsync();

        var outcome = await platform.UpdateRecipientAsync(Some.Recipient(), None);

        Assert.Equal(RecipientOutcomeKind.NotFound, outcome.Kind);
    }

    [SkippableFact]
    public async Task ImportRecipients_AfterListUnsubscribe_KeepsTheRecipientUnsubscribed()
    {
        var (platform, _) = await CreatePlatformAsync();
        Skip.IfNot(platform.Capabilities.Supports(PlatformFeatures.ListLevelUnsubscribe), "The platform has no list-level unsubscribe.");
        var list = await platform.EnsureListAsync(Some.ListDefinition(), None);
        var recipient = Some.Recipient();
        await platform.ImportRecipientsAsync(list.Id, [recipient], None);
        await platform.UnsubscribeAsync(new UnsubscribeRequest(recipient.Record, list.Id), None);

        var again = await platform.ImportRecipientsAsync(list.Id, [recipient], None);

        Assert.Equal(RejectionReason.Unsubscribed, again.Outcomes[0].Rejection?.Reason);
        var state = await platform.GetRecipientAsync(recipient.Record, list.Id, None);
        Assert.Equal(MembershipStatus.Unsubscribed, state!.ListStatus);
    }

    [Fact]
    public async Task ImportRecipients_AfterGlobalUnsubscribe_KeepsTheRecipientOutOfEveryList()
    {
        var (platform, _) = await CreatePlatformAsync();
        var list = await platform.EnsureListAsync(Some.ListDefinition(), None);
        var otherList = await platform.EnsureListAsync(Some.ListDefinition(), None);
        var recipient = Some.Recipient();
        await platform.ImportRecipientsAsync(list.Id, [recipient], None);
        await platform.UnsubscribeAsync(new UnsubscribeRequest(recipient.Record), None);

        var again = await platform.ImportRecipientsAsync(otherList.Id, [recipient], None);

        Assert.Equal(RejectionReason.Suppressed, again.Outcomes[0].Rejection?.Reason);
        var state = await platform.GetRecipientAsync(recipient.Record, otherList.Id, None);
        Assert.True(state!.GloballyUnsubscribed);
        Assert.NotEqual(MembershipStatus.Subscribed, state.ListStatus);
    }

    [Fact]
    public async Task ImportRecipients_SuppressedAddress_IsNotSubscribed()
    {
        var (platform, _) = await CreatePlatformAsync();
        var list = await platform.EnsureListAsync(Some.ListDefinition(), None);
        var recipient = Some.Recipient();
        await platform.SuppressAsync(new SuppressionRequest(recipient.EmailAddress.ToUpperInvariant(), SuppressionReason.Manual), None);

        var result = await platform.ImportRecipientsAsync(list.Id, [recipient], None);

        Assert.Equal(RejectionReason.Suppressed, result.Outcomes[0].Rejection?.Reason);
        var state = await platform.GetRecipientAsync(recipient.Record, list.Id, None);
        Assert.NotEqual(MembershipStatus.Subscribed, state?.ListStatus ?? MembershipStatus.None);
    }

    [Fact]
    public async Task Unsubscribe_UnknownRecord_ReturnsNotFound()
    {
        var (platform, _) = await CreatePlatformAsync();

        var outcome = await platform.UnsubscribeAsync(new UnsubscribeRequest(Some.Contact()), None);

        Assert.Equal(ChangeOutcome.NotFound, outcome);
    }

    [Fact]
    public async Task Unsubscribe_Twice_SecondCallChangesNothing()
    {
        var (platform, _) = await CreatePlatformAsync();
        var list = await platform.EnsureListAsync(Some.ListDefinition(), None);
        var recipient = Some.Recipient();
        await platform.ImportRecipientsAsync(list.Id, [recipient], None);

        var first = await platform.UnsubscribeAsync(new UnsubscribeRequest(recipient.Record), None);
        var second = await platform.UnsubscribeAsync(new UnsubscribeRequest(recipient.Record), None);

        Assert.Equal(ChangeOutcome.Applied, first);
        Assert.Equal(ChangeOutcome.AlreadyApplied, second);
    }

    [SkippableFact]
    public async Task EraseRecipient_UnknownRecord_ReturnsNotFound()
    {
        var (platform, _) = await CreatePlatformAsync();
        Skip.IfNot(platform.Capabilities.Supports(PlatformFeatures.Erase), "The platform cannot erase personal data.");

        var outcome = await platform.EraseRecipientAsync(Some.Contact(), None);

        Assert.Equal(ChangeOutcome.NotFound, outcome);
    }

    [SkippableFact]
    public async Task EraseRecipient_KnownRecord_ForgetsTheContactButKeepsItsOptOut()
    {
        var (platform, _) = await CreatePlatformAsync();
        Skip.IfNot(platform.Capabilities.Supports(PlatformFeatures.Erase), "The platform cannot erase personal data.");
        var list = await platform.EnsureListAsync(Some.ListDefinition(), None);
        var recipient = Some.Recipient();
        await platform.ImportRecipientsAsync(list.Id, [recipient], None);
        await platform.UnsubscribeAsync(new UnsubscribeRequest(recipient.Record), None);

        var outcome = await platform.EraseRecipientAsync(recipient.Record, None);
        var again = await platform.ImportRecipientsAsync(list.Id, [recipient], None);

        Assert.Equal(ChangeOutcome.Applied, outcome);
        Assert.Equal(RejectionReason.Suppressed, again.Outcomes[0].Rejection?.Reason);
        Assert.DoesNotContain(await AllSuppressionsAsync(platform), s => s.Record == recipient.Record);
    }

    [Fact]
    public async Task GetSuppressions_SmallPages_ReturnEveryEntryOnce()
    {
        var (platform, _) = await CreatePlatformAsync();
        var addresses = Enumerable.Range(0, 5).Select(_ => Some.EmailAddress()).ToList();
        foreach (var address in addresses)
            await platform.SuppressAsync(new SuppressionRequest(address, SuppressionReason.Manual), None);

        var entries = await AllSuppressionsAsync(platform, pageSize: 2);

        Assert.Equal(addresses.Order(StringComparer.Ordinal), entries.Select(e => e.EmailAddress).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Suppress_SameAddressTwice_SecondCallChangesNothing()
    {
        var (platform, _) = await CreatePlatformAsync();
        var address = Some.EmailAddress();

        var first = await platform.SuppressAsync(new SuppressionRequest(address, SuppressionReason.Manual), None);
        var second = await platform.SuppressAsync(new SuppressionRequest(address, SuppressionReason.Manual), None);

        Assert.Equal(ChangeOutcome.Applied, first);
        Assert.Equal(ChangeOutcome.AlreadyApplied, second);
    }

    [SkippableFact]
    public async Task ReadReactions_ManyPages_ReturnEachEventExactlyOnce()
    {
        var (platform, script) = await CreatePlatformAsync();
        Skip.IfNot(platform.Capabilities.Supports(ReactionFeed.Clicks), "The platform has no click feed.");
        var (listId, recipients, mailingId) = await MailedListAsync(platform, script, 3);
        foreach (var recipient in recipients)
        {
            for (var i = 0; i < 3; i++)
            {
                Time.Advance(TimeSpan.FromMinutes(1));
                await script.ClickAsync(mailingId, recipient, Some.Url());
            }
        }

        var (events, cursor) = await PullAsync(platform, ReactionFeed.Clicks, null, TimeSpan.Zero, pageSize: 2);
        Time.Advance(TimeSpan.FromMinutes(1));
        var (nothing, _) = await PullAsync(platform, ReactionFeed.Clicks, cursor, TimeSpan.Zero, pageSize: 2);

        Assert.Equal(9, events.Count);
        Assert.Equal(9, events.Select(e => e.EventId).Distinct().Count());
        Assert.All(events, e => Assert.Equal(listId, e.ListId));
        Assert.Empty(nothing);
    }

    [SkippableFact]
    public async Task ReadReactions_NewEventAfterTheCursor_ArrivesInTheNextPullOnly()
    {
        var (platform, script) = await CreatePlatformAsync();
        Skip.IfNot(platform.Capabilities.Supports(ReactionFeed.Opens), "The platform has no open feed.");
        var (_, recipients, mailingId) = await MailedListAsync(platform, script, 2);
        await script.OpenAsync(mailingId, recipients[0]);
        var (first, cursor) = await PullAsync(platform, ReactionFeed.Opens, null, TimeSpan.Zero);

        Time.Advance(TimeSpan.FromMinutes(5));
        await script.OpenAsync(mailingId, recipients[1]);
        var (second, cursor2) = await PullAsync(platform, ReactionFeed.Opens, cursor, TimeSpan.Zero);
        var (third, _) = await PullAsync(platform, ReactionFeed.Opens, cursor2, TimeSpan.Zero);

        Assert.Equal(recipients[0], Assert.Single(first).Record);
        Assert.Equal(recipients[1], Assert.Single(second).Record);
        Assert.Empty(third);
    }

    [SkippableFact]
    public async Task ReadReactions_WithOverlap_RepeatsOnlyEventsInTheWindowWithStableIds()
    {
        var (platform, script) = await CreatePlatformAsync();
        Skip.IfNot(platform.Capabilities.Supports(ReactionFeed.Opens), "The platform has no open feed.");
        var (_, recipients, mailingId) = await MailedListAsync(platform, script, 3);
        await script.OpenAsync(mailingId, recipients[0]);
        Time.Advance(TimeSpan.FromHours(2));
        await script.OpenAsync(mailingId, recipients[1]);
        var (first, cursor) = await PullAsync(platform, ReactionFeed.Opens, null, TimeSpan.FromMinutes(30));

        Time.Advance(TimeSpan.FromMinutes(10));
        await script.OpenAsync(mailingId, recipients[2]);
        var (second, _) = await PullAsync(platform, ReactionFeed.Opens, cursor, TimeSpan.FromMinutes(30));

        Assert.Equal(2, first.Count);
        // The event two hours back lies outside the window; the one at the cursor may repeat, with the same id.
        Assert.DoesNotContain(second, e => e.EventId == first[0].EventId);
        Assert.Contains(second, e => e.Record == recipients[2]);
        Assert.All(second.Where(e => e.Record == recipients[1]), e => Assert.Equal(first[1].EventId, e.EventId));
        Assert.All(second.Where(e => e.Record == recipients[1]), e => Assert.Equal(first[1], e));
    }

    [SkippableFact]
    public async Task ReadReactions_ScriptedReactions_AreNormalised()
    {
        var (platform, script) = await CreatePlatformAsync();
        var (listId, recipients, mailingId) = await MailedListAsync(platform, script, 6);
        var url = Some.Url();
        await script.ClickAsync(mailingId, recipients[0], url);
        await script.BounceAsync(mailingId, recipients[1], "5.1.1", "smtp; 550 5.1.1 <x@example.com>: Recipient address rejected: User unknown");
        await script.BounceAsync(mailingId, recipients[2], "4.2.2", "smtp; 452 4.2.2 Mailbox full");
        await script.ReplyAsync(mailingId, recipients[3], automatic: false);
        await script.ReplyAsync(mailingId, recipients[4], automatic: true);
        await script.UnsubscribeAsync(mailingId, recipients[5], UnsubscribeScope.Global);
        var signUp = Some.EmailAddress("signup");
        await script.SubscribeAsync(listId, signUp, new Dictionary<string, string?> { ["FIRSTNAME"] = "Nora" });

        var clicks = await FeedIfSupportedAsync(platform, ReactionFeed.Clicks);
        var bounces = await FeedIfSupportedAsync(platform, ReactionFeed.Bounces);
        var replies = await FeedIfSupportedAsync(platform, ReactionFeed.Replies);
        var unsubscribes = await FeedIfSupportedAsync(platform, ReactionFeed.Unsubscribes);
        var subscribers = await FeedIfSupportedAsync(platform, ReactionFeed.NewSubscribers);

        if (clicks is not null)
            Assert.Equal(url, Assert.Single(clicks).Url);
        if (bounces is not null)
        {
            Assert.Equal(BounceCategory.Hard, bounces.Single(b => b.Record == recipients[1]).BounceCategory);
            Assert.Equal(BouncesCarryStatusCodes ? "5.1.1" : null, bounces.Single(b => b.Record == recipients[1]).StatusCode);
            Assert.Equal(BounceCategory.Soft, bounces.Single(b => b.Record == recipients[2]).BounceCategory);
        }
        if (replies is not null)
        {
            Assert.Equal(ReactionKind.Reply, replies.Single(r => r.Record == recipients[3]).Kind);
            Assert.Equal(ReactionKind.AutoReply, replies.Single(r => r.Record == recipients[4]).Kind);
        }
        if (unsubscribes is not null)
            Assert.Equal(UnsubscribeScope.Global, Assert.Single(unsubscribes).UnsubscribeScope);
        if (subscribers is not null)
        {
            var subscribed = Assert.Single(subscribers);
            Assert.Equal(signUp, subscribed.EmailAddress);
            Assert.Equal("Nora", subscribed.Fields!["FIRSTNAME"]);
        }
        var all = new[] { clicks, bounces, replies, unsubscribes, subscribers }.Where(f => f is not null).SelectMany(f => f!).ToList();
        Skip.If(all.Count == 0, "The platform offers none of these feeds.");
        Assert.All(all, e => e.Validate());
    }

    [SkippableFact]
    public async Task GetKeyFigures_AfterScriptedReactions_CountsThem()
    {
        var (platform, script) = await CreatePlatformAsync();
        Skip.IfNot(platform.Capabilities.Supports(PlatformFeatures.Reports), "The platform reports no key figures.");
        var (listId, recipients, mailingId) = await MailedListAsync(platform, script, 4);
        await script.OpenAsync(mailingId, recipients[0]);
        await script.OpenAsync(mailingId, recipients[0]);
        await script.OpenAsync(mailingId, recipients[1]);
        await script.ClickAsync(mailingId, recipients[1], Some.Url());
        await script.BounceAsync(mailingId, recipients[3], "5.1.1", "User unknown");

        var figures = await platform.GetKeyFiguresAsync(listId, None);

        Assert.Equal(4, figures.Sent);
        Assert.Equal(3, figures.Delivered);
        Assert.Equal(3, figures.Opens);
        Assert.Equal(2, figures.UniqueOpens);
        Assert.Equal(1, figures.Clicks);
        Assert.Equal(1, figures.UniqueClicks);
        Assert.Equal(1, figures.HardBounces);
    }

    [SkippableFact]
    public async Task SendMailing_SameKeyTwice_SendsOnce()
    {
        var (platform, _) = await CreatePlatformAsync();
        Skip.IfNot(platform.Capabilities.Supports(PlatformFeatures.SendFromCrm), "The platform cannot send from CRM.");
        var list = await platform.EnsureListAsync(Some.ListDefinition(), None);
        await platform.ImportRecipientsAsync(list.Id, Some.Recipients(2), None);
        var request = new MailingRequest(Some.String("mailing"), list.Id, "Spring news", "news@example.com", "News", null, "<p>Hello</p>");

        var first = await platform.SendMailingAsync(request, None);
        var second = await platform.SendMailingAsync(request, None);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.MailingId, second.MailingId);
        if (platform.Capabilities.Supports(ReactionFeed.Sends))
            Assert.Equal(2, (await PullAsync(platform, ReactionFeed.Sends, null, TimeSpan.Zero)).Events.Count);
    }

    [SkippableFact]
    public async Task MailingArchive_SentMailing_ReturnsItsContentWithoutPersonalData()
    {
        var (platform, _) = await CreatePlatformAsync();
        var archive = platform as IMailingArchive;
        Skip.If(archive is null, "The platform keeps no mailing archive (IMailingArchive).");
        Skip.IfNot(platform.Capabilities.Supports(PlatformFeatures.SendFromCrm), "The platform cannot send from CRM.");
        var list = await platform.EnsureListAsync(Some.ListDefinition(), None);
        var recipients = Some.Recipients(3);
        await platform.ImportRecipientsAsync(list.Id, recipients, None);
        var url = Some.Url();
        var html = $"<p>Dear {PersonalisationTag("FIRSTNAME")},</p><p>Read <a href=\"{url}\">our spring offer</a>.</p>";
        var handle = await platform.SendMailingAsync(new MailingRequest(Some.String("mailing"), list.Id, "Spring news", "news@example.com", "News team", null, html), None);
        Time.Advance(TimeSpan.FromMinutes(1));

        var content = await archive.GetMailingContentAsync(handle.MailingId, None);

        Assert.NotNull(content);
        Assert.Equal("Spring news", content.Subject);
        Assert.Equal("news@example.com", content.FromAddress);
        Assert.Equal("News team", content.FromName);
        var body = content.ImpersonalHtmlBody;
        Assert.NotNull(body);
        Assert.Contains("our spring offer", body);
        Assert.Contains($"href=\"{url}\"", body);
        foreach (var recipient in recipients)
        {
            Assert.DoesNotContain(recipient.EmailAddress, body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(recipient.Fields["FIRSTNAME"]!, body, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task MailingArchive_UnknownMailing_ReturnsNull()
    {
        var (platform, _) = await CreatePlatformAsync();
        var archive = platform as IMailingArchive;
        Skip.If(archive is null, "The platform keeps no mailing archive (IMailingArchive).");

        Assert.Null(await archive.GetMailingContentAsync("987654321", None));
    }

    [SkippableFact]
    public async Task OptionalFeatures_WhenMissing_ThrowFeatureNotSupported()
    {
        const PlatformFeatures optional = PlatformFeatures.ListLevelUnsubscribe | PlatformFeatures.Erase | PlatformFeatures.Reports |
            PlatformFeatures.SendFromCrm | PlatformFeatures.Clicks | PlatformFeatures.Replies | PlatformFeatures.NewSubscribers;
        var restricted = await CreatePlatformWithoutAsync(optional);
        var platform = (restricted ?? await CreatePlatformAsync()).Platform;
        var missing = Enum.GetValues<PlatformFeatures>().Where(f => (optional & f) == f && f != PlatformFeatures.None && !platform.Capabilities.Supports(f)).ToList();
        Skip.If(missing.Count == 0, "The platform has every optional feature and cannot be created without them.");
        var list = await platform.EnsureListAsync(Some.ListDefinition(), None);
        var record = Some.Contact();

        foreach (var feature in missing)
        {
            Func<Task> call = feature switch
            {
                PlatformFeatures.ListLevelUnsubscribe => () => platform.UnsubscribeAsync(new UnsubscribeRequest(record, list.Id), None),
                PlatformFeatures.Erase => () => platform.EraseRecipientAsync(record, None),
                PlatformFeatures.Reports => () => platform.GetKeyFiguresAsync(list.Id, None),
                PlatformFeatures.SendFromCrm => () => platform.SendMailingAsync(
                    new MailingRequest(Some.String("mailing"), list.Id, "s", "news@example.com", null, null, "<p>x</p>"), None),
                PlatformFeatures.Clicks => () => platform.ReadReactionsAsync(new ReactionFeedRequest(ReactionFeed.Clicks, null), None),
                PlatformFeatures.Replies => () => platform.ReadReactionsAsync(new ReactionFeedRequest(ReactionFeed.Replies, null), None),
                PlatformFeatures.NewSubscribers => () => platform.ReadReactionsAsync(new ReactionFeedRequest(ReactionFeed.NewSubscribers, null), None),
                _ => throw new InvalidOperationException(feature.ToString()),
            };
            var thrown = await Assert.ThrowsAsync<PlatformFeatureNotSupportedException>(call);
            Assert.Equal(feature, thrown.Feature);
        }
    }

    /// <summary>A list with <paramref name="count"/> subscribed recipients that has been mailed once.</summary>
    protected async Task<(string ListId, IReadOnlyList<RecordReference> Recipients, string MailingId)> MailedListAsync(
        IEmailPlatform platform, IReactionScript script, int count)
    {
        var list = await platform.EnsureListAsync(Some.ListDefinition(), None);
        var recipients = Some.Recipients(count);
        await platform.ImportRecipientsAsync(list.Id, recipients, None);
        var mailingId = await script.SendAsync(list.Id);
        Time.Advance(TimeSpan.FromMinutes(1));
        return (list.Id, recipients.Select(r => r.Record).ToList(), mailingId);
    }

    /// <summary>Reads a feed page by page until it is caught up, as the worker does.</summary>
    protected static async Task<(IReadOnlyList<ReactionEvent> Events, string Cursor)> PullAsync(
        IEmailPlatform platform, ReactionFeed feed, string? cursor, TimeSpan overlap, int pageSize = 1000)
    {
        var events = new List<ReactionEvent>();
        for (var pages = 0; ; pages++)
        {
            Assert.True(pages < 10_000, "The feed never caught up.");
            var page = await platform.ReadReactionsAsync(new ReactionFeedRequest(feed, cursor, overlap, pageSize), None);
            Assert.True(page.Events.Count <= pageSize, "A page held more events than asked for.");
            events.AddRange(page.Events);
            cursor = page.NextCursor;
            if (!page.HasMore)
                return (events, cursor);
        }
    }

    private static async Task<IReadOnlyList<ReactionEvent>?> FeedIfSupportedAsync(IEmailPlatform platform, ReactionFeed feed) =>
        platform.Capabilities.Supports(feed) ? (await PullAsync(platform, feed, null, TimeSpan.Zero)).Events : null;

    private static async Task<IReadOnlyList<SuppressionEntry>> AllSuppressionsAsync(IEmailPlatform platform, int pageSize = 1000)
    {
        var entries = new List<SuppressionEntry>();
        string? token = null;
        do
        {
            var page = await platform.GetSuppressionsAsync(new SuppressionQuery(token, pageSize), None);
            Assert.True(page.Entries.Count <= pageSize);
            entries.AddRange(page.Entries);
            token = page.NextPageToken;
        }
        while (token is not null);
        return entries;
    }
}
