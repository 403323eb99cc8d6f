using EmailConnector.Core.Platforms;
using EmailConnector.Schema;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;
using CoreFeed = EmailConnector.Core.Reactions.ReactionFeed;

namespace EmailConnector.Worker.Tests.Reactions;

/// <summary>Email activities per recipient from the send feed, per the activity's ec_emailactivitymode (end to end).</summary>
public sealed class EmailActivityWriterTests
{
    [Fact]
    public async Task Pull_SubjectMode_OneClosedOutgoingEmailPerRecipientWithTheSubjectOnly()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await WriteBackScene.BuildAsync(front, EmailActivityMode.Subject);
        await scene.Script.SendAsync(scene.ListId);

        await scene.PullAsync(CoreFeed.Sends);

        var emails = front.Organization.Rows("email");
        Assert.Equal(2, emails.Count);
        foreach (var email in emails)
        {
            Assert.Equal("Spring offer", email.GetAttributeValue<string>("subject"));
            Assert.Null(email.GetAttributeValue<string>("description"));
            Assert.True(email.GetAttributeValue<bool>("directioncode"));
            Assert.Equal(1, email.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.Equal(3, email.GetAttributeValue<OptionSetValue>("statuscode").Value);
            Assert.Equal(WorkerFront.Start.UtcDateTime, email.GetAttributeValue<DateTime>("senton"));
            Assert.Equal(new EntityReference("campaignactivity", scene.Activity), email.GetAttributeValue<EntityReference>("regardingobjectid"));
            Assert.Equal("news@example.org", Assert.Single(scene.PartiesOf(email.Id, 1)).GetAttributeValue<string>("addressused"));
        }

        var recipients = emails.Select(e => Assert.Single(scene.PartiesOf(e.Id, 2)).GetAttributeValue<EntityReference>("partyid").Id).Order();
        Assert.Equal(new[] { scene.Ann.Id, scene.Bob.Id }.Order(), recipients);
    }

    [Fact]
    public async Task Pull_CompleteMode_EmailCarriesTheMailingsSubjectSenderAndImpersonalBody()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await WriteBackScene.BuildAsync(front, EmailActivityMode.Complete);
        await front.Platform.SendMailingAsync(
            new MailingRequest("send-1", scene.ListId, "Our spring offer", "offers@example.org", "Offers", null, "<p>Dear reader,</p><p>Spring!</p>"),
            CancellationToken.None);

        await scene.PullAsync(CoreFeed.Sends);

        var emails = front.Organization.Rows("email");
        Assert.Equal(2, emails.Count);
        Assert.All(emails, e => Assert.Equal("Our spring offer", e.GetAttributeValue<string>("subject")));
        Assert.All(emails, e => Assert.Equal("<p>Dear reader,</p><p>Spring!</p>", e.GetAttributeValue<string>("description")));
        Assert.All(emails, e => Assert.Equal("offers@example.org", Assert.Single(scene.PartiesOf(e.Id, 1)).GetAttributeValue<string>("addressused")));
    }

    [Fact]
    public async Task Pull_CompleteModeWithoutTheMailingsCopy_FallsBackToTheSubject()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await WriteBackScene.BuildAsync(front, EmailActivityMode.Complete, sender: null);
        await scene.Script.SendAsync(scene.ListId);

        await scene.PullAsync(CoreFeed.Sends);

        var emails = front.Organization.Rows("email");
        Assert.Equal(2, emails.Count);
        Assert.All(emails, e => Assert.Null(e.GetAttributeValue<string>("description")));
        Assert.All(emails, e => Assert.Empty(scene.PartiesOf(e.Id, 1)));
    }

    [Theory]
    [InlineData(EmailActivityMode.None)]
    [InlineData(null)]
    public async Task Pull_NoneOrUnsetMode_CreatesNoEmail(EmailActivityMode? mode)
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await WriteBackScene.BuildAsync(front, mode);
        await scene.Script.SendAsync(scene.ListId);

        await scene.PullAsync(CoreFeed.Sends);

        Assert.Empty(front.Organization.Rows("email"));
    }

    [Fact]
    public async Task Pull_OpensAndClicks_CreateNoEmail()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await WriteBackScene.BuildAsync(front, EmailActivityMode.Subject);
        var mailing = await scene.Script.SendAsync(scene.ListId);
        await scene.Script.OpenAsync(mailing, scene.Ann);
        await scene.Script.ClickAsync(mailing, scene.Ann, "https://example.com/a");

        await scene.PullAsync(CoreFeed.Opens, CoreFeed.Clicks);

        Assert.Empty(front.Organization.Rows("email"));
    }

    [Fact]
    public async Task Pull_Replayed_CreatesNoSecondEmail()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await WriteBackScene.BuildAsync(front, EmailActivityMode.Subject);
        await scene.Script.SendAsync(scene.ListId);
        await scene.PullAsync(CoreFeed.Sends);
        var first = front.Organization.Rows("email").Select(e => e.Id).Order().ToList();

        scene.ForgetCursors();
        await scene.PullAsync(CoreFeed.Sends);
        await front.Worker("worker-b").GetRequiredService<EmailConnector.Worker.Reactions.ReactionPull>().PullAsync(scene.Account, CoreFeed.Sends);

        Assert.Equal(first, front.Organization.Rows("email").Select(e => e.Id).Order());
        Assert.Equal(4, front.Organization.Rows("activityparty").Count(p => p.GetAttributeValue<OptionSetValue>("participationtypemask").Value is 1 or 2
            && first.Contains(p.GetAttributeValue<EntityReference>("activityid").Id)));
    }

    [Fact]
    public async Task Pull_SecondMailingToTheSameList_KeepsOneEmailPerRecipientAndActivity()
    {
        await using var front = await WorkerFront.StartAsync();
        var scene = await WriteBackScene.BuildAsync(front, EmailActivityMode.Subject);
        await scene.Script.SendAsync(scene.ListId);
        front.Clock.Advance(TimeSpan.FromHours(1));
        await scene.Script.SendAsync(scene.ListId);

        await scene.PullAsync(CoreFeed.Sends);

        Assert.Equal(2, front.Organization.Rows("email").Count);
    }
}
