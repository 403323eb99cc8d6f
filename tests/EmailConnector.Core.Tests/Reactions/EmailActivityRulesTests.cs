using EmailConnector.Core.Reactions;
using EmailConnector.Testing;

namespace EmailConnector.Core.Tests.Reactions;

public sealed class EmailActivityRulesTests
{
    [Theory]
    [InlineData(EmailActivityMode.None, ReactionKind.Sent, false)]
    [InlineData(EmailActivityMode.Subject, ReactionKind.Sent, true)]
    [InlineData(EmailActivityMode.Complete, ReactionKind.Sent, true)]
    [InlineData(EmailActivityMode.Complete, ReactionKind.Open, false)]
    [InlineData(EmailActivityMode.Subject, ReactionKind.Click, false)]
    public void ShouldCreate_ModeAndKind_CreatesFromSendsOnly(EmailActivityMode mode, ReactionKind kind, bool expected)
    {
        Assert.Equal(expected, EmailActivityRules.ShouldCreate(mode, kind));
    }

    [Fact]
    public void ContentFor_EachMode_CarriesWhatTheModeAsksFor()
    {
        Assert.Null(EmailActivityRules.ContentFor(EmailActivityMode.None, "Spring news", "<p>Dear reader</p>"));
        Assert.Equal(new EmailActivityContent("Spring news", null), EmailActivityRules.ContentFor(EmailActivityMode.Subject, "Spring news", "<p>Dear reader</p>"));
        Assert.Equal(new EmailActivityContent("Spring news", "<p>Dear reader</p>"), EmailActivityRules.ContentFor(EmailActivityMode.Complete, "Spring news", "<p>Dear reader</p>"));
    }

    [Fact]
    public void ContentFor_CompleteWithoutBody_Throws()
    {
        Assert.Throws<ArgumentException>(() => EmailActivityRules.ContentFor(EmailActivityMode.Complete, "Spring news", null));
    }

    [Fact]
    public void ContentFor_LongSubject_IsCutToTheColumnLimit()
    {
        var content = EmailActivityRules.ContentFor(EmailActivityMode.Subject, new string('s', 300), null);

        Assert.Equal(EmailActivityRules.MaxSubjectLength, content!.Subject.Length);
    }

    [Fact]
    public void ActivityKey_DiffersFromTheResponseKey()
    {
        var activity = Guid.NewGuid();
        var recipient = Some.Contact();

        Assert.NotEqual(CampaignResponseRules.ResponseKey(activity, recipient), EmailActivityRules.ActivityKey(activity, recipient));
    }
}
