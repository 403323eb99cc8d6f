using EmailConnector.Plugins.CampaignActivity;
using EmailConnector.Plugins.Infrastructure;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Tests.CampaignActivity;

public class CampaignActivityRulesTests
{
    [Theory]
    [InlineData(null, null, null)]
    [InlineData("news@example.com", "replies@example.com", null)]
    [InlineData(" news@example.com ", "", null)]
    [InlineData("news@", null, "sender")]
    [InlineData("news@example.com", "replies at example.com", "reply-to")]
    public void ValidateAddresses_SenderAndReplyTo_RefusesOnlyMalformedOnes(string? sender, string? replyTo, string? refused)
    {
        var message = CampaignActivityRules.ValidateAddresses(sender, replyTo);

        if (refused is null)
            Assert.Null(message);
        else
            Assert.Equal(refused == "sender" ? ErrorMessages.InvalidSender(sender!) : ErrorMessages.InvalidReplyTo(replyTo!), message);
    }

    [Fact]
    public void DefaultListName_EmptyNameAndLongSubject_IsTheSubjectCutTo200()
    {
        Assert.Equal(new string('s', 200), CampaignActivityRules.DefaultListName(null, new string('s', 250)));
        Assert.Equal("Spring", CampaignActivityRules.DefaultListName(" ", " Spring "));
        Assert.Null(CampaignActivityRules.DefaultListName("Mine", "Spring"));
        Assert.Null(CampaignActivityRules.DefaultListName(null, null));
    }

    [Fact]
    public void EnsureListChanges_OnlyRealChangesOnTheEmailPlatformChannel()
    {
        var image = new Entity("campaignactivity") { ["channeltypecode"] = new OptionSetValue(183500000), ["ec_listname"] = "Spring" };

        Assert.Empty(CampaignActivityRules.EnsureListChanges(new Entity("campaignactivity") { ["ec_listname"] = "Spring" }, image));
        Assert.Equal(["ec_listname"], CampaignActivityRules.EnsureListChanges(new Entity("campaignactivity") { ["ec_listname"] = "Spring 2" }, image));
        Assert.Empty(CampaignActivityRules.EnsureListChanges(new Entity("campaignactivity") { ["channeltypecode"] = new OptionSetValue(7) }, image));
    }
}
