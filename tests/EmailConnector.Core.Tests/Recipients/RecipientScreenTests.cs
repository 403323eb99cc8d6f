using EmailConnector.Core.Recipients;
using EmailConnector.Testing;

namespace EmailConnector.Core.Tests.Recipients;

public sealed class RecipientScreenTests
{
    [Fact]
    public void Screen_MixedMembers_TalliesEachReasonOnce()
    {
        var sut = CreateSut(HouseholdPolicy.First);
        var shared = Some.EmailAddress();

        sut.Screen(Some.Candidate());
        sut.Screen(Some.Candidate(emailAddress: shared));
        sut.Screen(Some.Candidate(emailAddress: shared));
        sut.Screen(new RecipientCandidate(Some.Contact(), null));
        sut.Screen(new RecipientCandidate(Some.Lead(), "nope"));
        sut.Screen(new RecipientCandidate(Some.Contact(), Some.EmailAddress()) { DoNotBulkEmail = true });
        sut.Screen(new RecipientCandidate(Some.Contact(), Some.EmailAddress()) { EmailInvalid = true });

        Assert.Equal(7, sut.Tally.Total);
        Assert.Equal(2, sut.Tally.Included);
        Assert.Equal(5, sut.Tally.Excluded);
        Assert.Equal(1, sut.Tally[ExclusionReason.DuplicateAddress]);
        Assert.Equal(1, sut.Tally[ExclusionReason.NoAddress]);
        Assert.Equal(1, sut.Tally[ExclusionReason.MalformedAddress]);
        Assert.Equal(1, sut.Tally[ExclusionReason.DoNotBulkEmail]);
        Assert.Equal(1, sut.Tally[ExclusionReason.InvalidAddress]);
    }

    [Fact]
    public void Screen_RecordOnTwoLists_CountsOnceAndRepeatsItsReason()
    {
        var sut = CreateSut(HouseholdPolicy.First);
        var optedOut = new RecipientCandidate(Some.Contact(), Some.EmailAddress()) { DoNotBulkEmail = true };

        var first = sut.Screen(optedOut);
        var second = sut.Screen(optedOut);

        Assert.False(first.AlreadyScreened);
        Assert.True(second.AlreadyScreened);
        Assert.Equal(ExclusionReason.DoNotBulkEmail, second.Reason);
        Assert.Equal(1, sut.Tally.Total);
    }

    [Fact]
    public void Screen_DuplicateOfAnExcludedMember_IsIncluded()
    {
        var sut = CreateSut(HouseholdPolicy.First);
        var shared = Some.EmailAddress();

        sut.Screen(new RecipientCandidate(Some.Contact(), shared) { UnsubscribedFromList = true });
        var second = sut.Screen(Some.Candidate(emailAddress: shared));

        Assert.Equal(ExclusionReason.None, second.Reason);
    }

    [Fact]
    public void Screen_DisplacingMember_MovesTheEarlierOneToDuplicate()
    {
        var sut = CreateSut(HouseholdPolicy.PrimaryContact);
        var shared = Some.EmailAddress();
        var lead = Some.Candidate(Some.Lead(), shared);

        sut.Screen(lead);
        var contact = sut.Screen(Some.Candidate(Some.Contact(), shared));
        var leadAgain = sut.Screen(lead);

        Assert.Equal(lead.Record, contact.Displaced);
        Assert.Equal(ExclusionReason.DuplicateAddress, leadAgain.Reason);
        Assert.Equal(1, sut.Tally.Included);
        Assert.Equal(1, sut.Tally[ExclusionReason.DuplicateAddress]);
    }

    private static RecipientScreen CreateSut(HouseholdPolicy policy) => new(policy);
}
