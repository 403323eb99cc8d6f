using EmailConnector.Emulator.Metadata;
using EmailConnector.Schema;

namespace EmailConnector.Emulator.Tests.Metadata;

public class SdkMessageIdsTests
{
    [Fact]
    public void EmailConnectorSolution_EqualsTheIdsTheSchemaDeclares()
    {
        Assert.Equal(
            SdkMessages.MarketingListMessageNamesById.OrderBy(p => p.Key),
            SdkMessageIds.EmailConnectorSolution.OrderBy(p => p.Key));
    }

    [Fact]
    public void SolutionReaderOptions_ByDefault_KnowsTheSolutionsMarketingListMessages()
    {
        var options = new SolutionReaderOptions();

        Assert.Equal("AddMember", options.MessageNamesById[SdkMessages.AddMemberId]);
        Assert.Equal("AddListMembers", options.MessageNamesById[SdkMessages.AddListMembersId]);
        Assert.Equal("RemoveMember", options.MessageNamesById[SdkMessages.RemoveMemberId]);
    }

    [Fact]
    public void Known_DoesNotClaimTheSolutionsUnverifiedIds()
    {
        Assert.DoesNotContain(SdkMessages.AddMemberId, SdkMessageIds.Known.Keys);
    }
}
